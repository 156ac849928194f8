using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance.Computations;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Files;

namespace Rongtong.Web.Features.Performance.Demo;

/// <summary>
/// The demo carrier's indicator values for 2018–2021, recorded as the seed report (衡阳高新区 2021 自评估报告) gives
/// them: its tables (2018 baseline, 2019 and 2020 actuals, 2021 targets) and the figures its text states (2019
/// baselines, 2020 targets, 2020 actuals). Where the seed contradicts itself the statement is kept as a
/// <see cref="StatedFigure"/> and validation reports it; nothing is corrected. Computed indicators carry the seed's
/// figures as overrides with a reason (the synthetic registry is not calibrated to them; docs/adr/0009-indicators.md),
/// except where the records give the same figure (the demo deals, <see cref="Integration.DealsSeed"/>).
/// The report itself is attached to every value as its evidence.
/// </summary>
public sealed class PerformanceSeed(RongtongDb db, IFileStore files, RegistryComputations computations)
{
    public const string OverrideReason = "演示数据：采用种子报告所载数值（合成的主体库数据未按其校准）";
    private const string TableSource = "2021年自评估报告 三、绩效目标完成情况（表）";
    private const string TextSource = "2021年自评估报告 三、绩效目标完成情况（正文）";
    public const string EvidenceName = "衡阳高新区大中小企业融通型载体项目自评估报告（湖南省工业和信息化厅网站 2021-04-07）.txt";

    /// <summary>Per indicator: table (2018 baseline, 2019 actual, 2020 actual, 2021 target) and text (2019 baseline, 2020 target, 2020 actual).</summary>
    private static readonly (string Code, decimal? B18, decimal? A19, decimal? A20, decimal? T21, decimal? TextB19, decimal? TextT20, decimal? TextA20)[] Figures =
    [
        ("I01", 27.3m, 31.9m, 38.5m, 39.5m, null, null, 38.5m),
        ("I02", 0.42m, 0.56m, 0.86m, 0.95m, 0.56m, 0.71m, 0.86m),
        ("I03", 15, 18, 17, 30, 18, 28, 17),
        ("I04", 15, 18, 23, 25, 18, 20, 23),
        ("I05", 23, 38, 62, 70, 38, 57, 62),
        ("I06", 272, 289, 285, 320, 289, 305, 285),
        ("I07", 4, 6, 14, 18, 6, 8, 14),
        ("I08", PerMu(0.37m), PerMu(0.391m), PerMu(0.46m), PerMu(0.5m), PerMu(0.391m), PerMu(0.42m), PerMu(0.46m)),
        ("I09", 67, 70, 80, 82, 70, 72, 80),
        ("I10", 63, 71, 81, 87, 71, 78, 81),
        ("I11", 27, 30, 39, 45, 31, 35, 31),
        ("I12", 13, 15, 19, 20, 15, 18, 19),
        ("I13", 28, 38, 66, 70, 38, 52, 66),
        ("I14", 18, 20, 25, 30, 20, 23, 25),
        ("I15", 36, 39, 47, 52, 39, 43, 47),
        ("I16", 6, 8, 11, 13, 10, 10, 11),
        ("I17", 4725000, 5121000, 5126062.3m, 5412000, 5125000, 5117250, 5126062.3m),
        ("I18", 286659, 318176, 358058.2m, 372000, 319000, 347563, 358058.2m),
        ("I19", 1.35m, 1.52m, 1.87m, 1.95m, 1.53m, 1.82m, 1.87m),
        ("I20", 38231, 40700, 53723.6m, 57000, 42800, 44320, 53723.6m),
        ("I21", 2200, 2500, 2903, 3500, 2520, 2800, 2903),
        ("I22", 20, 23, 35, 45, 25, 27, 35),
        ("I23", null, null, null, null, 11, 15, 17),
        ("I24", 30, 102, 183, 210, 102, 170, 183),
    ];

    /// <summary>
    /// 亩均收入 as the indicator counts it (万元/亩) from the seed's figures, which it prints in 万元/平方米
    /// (RULES.md §5): 1 亩 = 2000/3 m², so 0.46 万元/m² is 306.67 万元/亩, in line with what the registry computes.
    /// </summary>
    private static decimal PerMu(decimal perSquareMetre) => Math.Round(perSquareMetre * 2000m / 3m, 2, MidpointRounding.AwayFromZero);

    private const string PerMuNote = "；种子报告以万元/平方米列示，已按1亩=666.67平方米换算为万元/亩";

    /// <summary>Statements of the text that are not plain values.</summary>
    private static readonly (string Code, int Year, ClaimKind Claim, ValueKind? Kind, decimal Value, string Quote)[] Claims =
    [
        ("I01", 2019, ClaimKind.Value, ValueKind.Actual, 32.2m, "2019年四季度32.2%"),
        ("I01", 2020, ClaimKind.Increase, null, 6.6m, "比2019年提升6.6个百分点"),
        ("I01", 2020, ClaimKind.Met, null, 0, "超额完成全年目标"),
        ("I04", 2020, ClaimKind.Increase, null, 2, "比2019年新增2个"),
        ("I05", 2020, ClaimKind.Increase, null, 19, "比2019年新增19人"),
        ("I06", 2020, ClaimKind.Shortfall, null, 16, "实现计划2020年全年目标差16次"),
        ("I11", 2020, ClaimKind.Value, ValueKind.Actual, 31, "入驻企业毕业数达31家"),
        ("I11", 2020, ClaimKind.Shortfall, null, 4, "完成2020年度计划目标差4家"),
        ("I24", 2020, ClaimKind.Growth, null, 179, "比2019年辐射企业数增长179%"),
    ];

    /// <summary>The text of the seed report, embedded in the assembly.</summary>
    public static string SeedReportText()
    {
        using var s = typeof(PerformanceSeed).Assembly.GetManifestResourceStream("Rongtong.Web.Features.Performance.Demo.seed-report-hengyang-2021.txt")!;
        return new StreamReader(s).ReadToEnd();
    }

    /// <summary>The report's narrative sections of 2020 as the seed words them (its own section headings dropped).</summary>
    private void AddNarratives(Carrier carrier, string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        string Between(string from, string to)
        {
            var start = lines.FindIndex(l => l.StartsWith(from, StringComparison.Ordinal));
            var end = lines.FindIndex(start + 1, l => l.StartsWith(to, StringComparison.Ordinal));
            return start < 0 || end < 0 ? "" : string.Join("\n", lines.Skip(start + 1).Take(end - start - 1).Where(l => l.Length > 0)
                .Select(l => l.Replace('(', '（').Replace(')', '）')));
        }
        foreach (var (section, body) in new[]
                 {
                     ("1", Between("(一)双创特色载体发展情况", "1、项目实施进度")),
                     ("1.2", Between("(二)政策实施情况", "(三)创新性举措")),
                     ("1.3", Between("(三)创新性举措", "二、资金管理使用情况")),
                     // the figures of section 二 are generated from the fund ledger; the narrative keeps the seed's first sentence
                     ("2", Between("资金拨付和执行情况及使用情况", "三、绩效目标完成情况").Split("衡阳市财政局")[0].Trim()),
                     ("4", Between("四、主要经验做法及典型案例", "五、未达到绩效目标")),
                     ("5", Between("五、未达到绩效目标", "六、有关建议")),
                     ("6", Between("六、有关建议", "联系人")),
                 })
            db.ReportNarratives.Add(new Reports.ReportNarrative { CarrierId = carrier.Id, Year = 2020, Section = section, Text = body, UpdatedBy = "seed demo", UpdatedAt = DateTime.UnixEpoch.AddSeconds(1617758400), Version = 1 });
    }

    public async Task<int> SeedAsync(Carrier carrier, CancellationToken ct = default)
    {
        if (await db.IndicatorValues.AnyAsync(v => v.CarrierId == carrier.Id, ct)) return 0;
        await Catalogues.EnsureAsync(db, ct);
        var (_, indicators) = await Catalogues.ForCarrierAsync(db, carrier, ct);
        var byCode = indicators.ToDictionary(i => i.Code);
        var text = SeedReportText();
        var stored = await files.SaveAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), EvidenceName, ct);
        AddNarratives(carrier, text);
        var at = new DateTime(2021, 4, 7, 1, 20, 0, DateTimeKind.Utc);
        var computed = new Dictionary<int, Dictionary<string, Computations.Computed>>
        {
            [2019] = await computations.ComputeAsync(carrier.Id, new Period(2019, PeriodKind.Y), ct),
            [2020] = await computations.ComputeAsync(carrier.Id, new Period(2020, PeriodKind.Y), ct),
        };
        var n = 0;
        void Add(IndicatorDefinition i, int year, ValueKind kind, decimal? value, string source, int? referenceYear = null, string? missReason = null)
        {
            if (value is null) return;
            var row = new IndicatorValue
            {
                CarrierId = carrier.Id, IndicatorId = i.Id, Year = year, Period = PeriodKind.Y, Kind = kind, Value = value,
                ReferenceYear = referenceYear, Note = $"依据：{source}" + (i.Code == "I08" ? PerMuNote : ""), MissReason = missReason, EnteredBy = "seed demo", EnteredAt = at, Version = 1,
            };
            if (kind == ValueKind.Actual && i.Source == ValueSource.Computed)
            {
                var live = computed[year].GetValueOrDefault(i.Computation!)?.Value;
                if (live == value)
                {
                    // the records give the seed's figure (the deals do): computed, frozen in the approved year
                    if (year != 2019) return;
                    row.ComputedValue = live;
                }
                else
                {
                    row.IsOverride = true;
                    row.OverrideReason = OverrideReason;
                    row.ComputedValue = live;
                }
            }
            row.Evidence.Add(new EvidenceFile { FileName = stored.FileName, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256, StoreKey = stored.Key, UploadedBy = "seed demo", UploadedAt = at });
            db.IndicatorValues.Add(row);
            n++;
        }
        foreach (var f in Figures)
        {
            var i = byCode[f.Code];
            Add(i, 2019, ValueKind.Baseline, f.B18, TableSource + "：2018年基准值", 2018);
            Add(i, 2019, ValueKind.Actual, f.A19, TableSource + "：2019年完成值");
            Add(i, 2020, ValueKind.Baseline, f.TextB19, TextSource + "：2019年基准值", 2019);
            Add(i, 2020, ValueKind.Target, f.TextT20, TextSource + "：2020年目标值");
            Add(i, 2020, ValueKind.Actual, f.A20 ?? f.TextA20, f.A20 is null ? TextSource : TableSource + "：2020年完成值",
                missReason: f.Code == "I03" ? "因为疫情影响，未实现全年目标。" : null);
            Add(i, 2021, ValueKind.Target, f.T21, TableSource + "：2021年目标值");
        }
        // the text names a 2019 target for the first indicator only
        Add(byCode["I01"], 2019, ValueKind.Target, 31.9m, TextSource + "：2019年目标31.9%");
        foreach (var c in Claims)
            db.StatedFigures.Add(new StatedFigure
            {
                CarrierId = carrier.Id, IndicatorId = byCode[c.Code].Id, Year = c.Year, Period = PeriodKind.Y, Claim = c.Claim, Kind = c.Kind,
                Value = c.Value, Source = TextSource, Quote = c.Quote,
            });
        // 2019 was reported and accepted; 2020 is the year being prepared, 2021 holds the targets
        db.PerformancePeriods.Add(new PerformancePeriod
        {
            CarrierId = carrier.Id, Year = 2019, Kind = PeriodKind.Y, Status = PeriodStatus.Approved, Approvals = 1,
            SubmittedBy = "hengyang-op", SubmittedAt = new DateTime(2020, 3, 31, 2, 0, 0, DateTimeKind.Utc),
            ApprovedBy = "hunan-gxt", ApprovedAt = new DateTime(2020, 4, 20, 2, 0, 0, DateTimeKind.Utc), Version = 1,
        });
        await db.SaveChangesAsync(ct);
        return n;
    }
}
