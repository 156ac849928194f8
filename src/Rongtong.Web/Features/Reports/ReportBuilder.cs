using System.Text;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Features.Reports.Rendering;

namespace Rongtong.Web.Features.Reports;

/// <summary>
/// Lays out the 自评估报告 from frozen report data, in the structure of the seed report. Every sentence carrying a figure
/// is generated here from the same numbers the tables print, so text and tables cannot disagree. Chinese by default;
/// English generates the headings, sentences and tables in English (narratives stay as written).
/// </summary>
public static class ReportBuilder
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    /// <param name="photo">Loads a sub-project photo from the file store; without it section 一 goes without photos.</param>
    public static ReportDocument Build(ReportData d, bool draft, int? version, bool english = false, Func<ReportPhoto, string, ImageBlock?>? photo = null)
    {
        var t = new Text(english);
        var y = d.Year;
        var subtitle = version is { } v
            ? t.L($"{y}年度 · 第{v}版", $"{y} · version {v}") + (d.ApprovedAt is { } at ? t.L($" · {at:yyyy年M月d日}批准", $" · approved {at:yyyy-MM-dd}") : "")
            : t.L($"{y}年度 · 草稿（按当前数据生成）", $"{y} · draft (from current data)");
        var sections = new List<ReportSection>
        {
            new(t.L("一", "1"), t.L("双创特色载体发展情况", "Development of the carrier"), ProjectSection(d, t, photo)),
            new(t.L("二", "2"), t.L("资金管理使用情况", "Management and use of the funds"), FundSection(d, t)),
            new(t.L("三", "3"), t.L("绩效目标完成情况", "Achievement of the performance targets"), Performance(d, t)),
            new(t.L("四", "4"), t.L("主要经验做法及典型案例", "Practices and typical cases"), Narrative(d, t, "4", null)),
            new(t.L("五", "5"), t.L("未达到绩效目标的原因和下一步改进措施", "Reasons for missed targets and next steps"), Missed(d, t)),
            new(t.L("六", "6"), t.L("有关建议及其他需要说明的问题", "Suggestions and other matters"), Narrative(d, t, "6", null)),
        };
        return new ReportDocument(t.L($"{d.CarrierName}自评估报告", $"Self-assessment report: {d.CarrierName}"), subtitle, draft,
            t.L("草稿 — 未经批准", "DRAFT — not approved"), t.L($"{d.CarrierName} · {y}年度自评估报告", $"{d.CarrierName} · self-assessment {y}"),
            english ? "en" : "zh-CN", sections);
    }

    /// <summary>The language of the generated text.</summary>
    private sealed record Text(bool English)
    {
        public string L(string zh, string en) => English ? en : zh;
        public string Name(ReportIndicator i) => English ? i.NameEn : i.Short;
        public string Unit(ReportIndicator i) => English ? (string.IsNullOrEmpty(i.UnitEn) ? (i.Unit is "家" or "个" or "" ? "" : i.Unit) : i.UnitEn) : i.Unit;
        public string Value(ReportIndicator i, decimal v)
        {
            var n = Evaluator.Format(v, i.Decimals);
            var u = Unit(i);
            // "0.86 (10k persons)", not "0.86 10k persons"
            return u.Length == 0 ? n : English && u != "%" ? (char.IsAsciiDigit(u[0]) ? $"{n} ({u})" : $"{n} {u}") : n + u;
        }
    }

    /// <summary>
    /// A narrative written by the operator: a short line "（一）…" is a sub-heading; under a generated sub-heading
    /// (<paramref name="nested"/>) it becomes the next level, "1、…", so that the numbering does not start again.
    /// </summary>
    private static List<ReportBlock> Narrative(ReportData d, Text t, string key, string? heading, bool nested = false)
    {
        var blocks = new List<ReportBlock>();
        if (heading is not null) blocks.Add(new SubHeading(heading));
        if (!d.Narratives.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
        {
            blocks.Add(new Paragraph(t.L("（本节尚未填写。）", "(This section has not been written yet.)")));
            return blocks;
        }
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var close = line.IndexOf('）');
            if (!(line.StartsWith('（') && line.Length < 60 && close is > 0 and < 5)) blocks.Add(new Paragraph(line));
            else if (nested && Array.IndexOf(Numerals, line[1..close]) is var k and >= 0) blocks.Add(new SubHeading(t.L($"{k + 1}、", $"{k + 1}. ") + line[(close + 1)..]));
            else blocks.Add(new SubHeading(line));
        }
        return blocks;
    }

    private static List<ReportBlock> Performance(ReportData d, Text t)
    {
        var y = d.Year;
        var blocks = new List<ReportBlock>();
        var counts = d.Indicators.GroupBy(i => i.Status).ToDictionary(g => g.Key, g => g.Count());
        int C(string s) => counts.GetValueOrDefault(s);
        var summary = new StringBuilder(t.L(
            $"{y}年，载体绩效目标表共{d.Indicators.Count}项指标，其中超额完成{C("exceeded")}项、完成{C("met")}项、未完成{C("missed")}项",
            $"In {y} the carrier's performance form has {d.Indicators.Count} indicators: {C("exceeded")} exceeded, {C("met")} met, {C("missed")} missed"));
        if (C("no_target") > 0) summary.Append(t.L($"、未设定目标值{C("no_target")}项", $", {C("no_target")} without a target"));
        if (C("no_actual") > 0) summary.Append(t.L($"、尚无完成值{C("no_actual")}项", $", {C("no_actual")} without an actual"));
        summary.Append(t.L("。", "."));
        if (d.Total is { } total)
            summary.Append(t.L($"加权得分{Evaluator.Format(total, 2)}分，等级为“{Evaluator.Grade(total)}”。", $" Weighted score {Evaluator.Format(total, 2)}, grade “{Evaluator.GradeEn(total)}”."));
        blocks.Add(new Paragraph(summary.ToString(), Generated: true));

        var n = 0;
        foreach (var dim in d.Indicators.GroupBy(i => i.Dimension))
        {
            var name = t.L(dim.Key, dim.First().DimensionEn);
            blocks.Add(new SubHeading(t.L($"（{Numerals[n % Numerals.Length]}）{dim.Key}情况", $"3.{n + 1} {name}")));
            n++;
            blocks.Add(new Paragraph(t.L($"{y}年，", $"In {y}: ") + string.Join(t.L("；", "; "), dim.Select(i => Sentence(i, y, t))) + t.L("。", "."), Generated: true));
            blocks.Add(Table(name, dim.Key, dim.ToList(), y, t));
            blocks.AddRange(Charts(name, dim.ToList(), y, t));
        }
        foreach (var g in d.Indicators.Where(i => i.OverrideReason is not null).GroupBy(i => i.OverrideReason))
            blocks.Add(new Paragraph(t.L($"注：{string.Join("、", g.Select(i => i.Short))}的完成值为人工覆盖值（理由：{g.Key}）。",
                $"Note: the actuals of {string.Join(", ", g.Select(i => i.NameEn))} are overrides of the computed values (reason: {g.Key})."), Generated: true));
        return blocks;
    }

    /// <summary>"从业人员数达0.86万人（2019年基准值0.56万人，2020年目标值0.71万人），超额完成全年目标，比2019年增长53.6%".</summary>
    public static string Sentence(ReportIndicator i, int y) => Sentence(i, y, new Text(false));

    private static string Sentence(ReportIndicator i, int y, Text t)
    {
        string V(decimal v) => t.Value(i, v);
        var name = t.Name(i);
        if (i.Actual is not { } a)
            return t.L($"{name}尚无{y}年完成值", $"{name}: no {y} actual yet") + (i.Target is { } t0 ? t.L($"（{y}年目标值{V(t0)}）", $" (target {V(t0)})") : "");
        var refs = new List<string>();
        if (i.Baseline is { } b) refs.Add(t.L($"{i.BaselineYear}年基准值{V(b)}", $"{i.BaselineYear} baseline {V(b)}"));
        if (i.Target is { } tg) refs.Add(t.L($"{y}年目标值{V(tg)}", $"{y} target {V(tg)}"));
        var s = new StringBuilder(t.L($"{name}达{V(a)}", $"{name} reached {V(a)}"));
        if (refs.Count > 0) s.Append(t.L("（", " (")).Append(string.Join(t.L("，", ", "), refs)).Append(t.L("）", ")"));
        s.Append(t.L("，", ", ")).Append(i.Status switch
        {
            "exceeded" => t.L("超额完成全年目标", "exceeding the target"),
            "met" => t.L("完成全年目标", "meeting the target"),
            // a percentage misses by percentage points, not by a percentage of itself
            "missed" when i.Unit == "%" => t.L($"未完成全年目标，差{Evaluator.Format(i.Gap ?? 0, i.Decimals)}个百分点",
                $"missing the target by {Evaluator.Format(i.Gap ?? 0, i.Decimals)} percentage points"),
            "missed" => t.L($"未完成全年目标，差{V(i.Gap ?? 0)}", $"missing the target by {V(i.Gap ?? 0)}"),
            _ => t.L($"未设定{y}年目标值", $"with no {y} target set"),
        });
        if (i.PreviousActual is { } p)
        {
            if (i.Unit == "%")
            {
                var diff = a - p;
                s.Append(diff == 0 ? t.L($"，与{y - 1}年持平", $", unchanged on {y - 1}")
                    : t.L($"，比{y - 1}年{(diff > 0 ? "提升" : "下降")}{Evaluator.Format(Math.Abs(diff), i.Decimals)}个百分点",
                        $", {(diff > 0 ? "up" : "down")} {Evaluator.Format(Math.Abs(diff), i.Decimals)} percentage points on {y - 1}"));
            }
            else s.Append(t.L($"，比{y - 1}年{Evaluator.GrowthZh(a, p)}", $", {Evaluator.GrowthEn(a, p)} on {y - 1}"));
        }
        return s.ToString();
    }

    private static TableBlock Table(string dimension, string sheet, List<ReportIndicator> rows, int y, Text t)
    {
        string F(decimal? v, ReportIndicator i) => v is { } x ? Evaluator.Format(x, i.Decimals) : "—";
        return new TableBlock(t.L($"{dimension}指标完成情况", $"{dimension}: indicators"), sheet,
            [t.L("指标", "Indicator"), t.L("单位", "Unit"), t.L($"{y - 1}年完成值", $"{y - 1} actual"), t.L("基准值", "Baseline"),
             t.L($"{y}年目标值", $"{y} target"), t.L($"{y}年完成值", $"{y} actual"), t.L("完成率", "Achievement"), t.L($"{y + 1}年目标值", $"{y + 1} target")],
            rows.Select(i => new TableRow(
                [t.L(i.Name, i.NameEn), t.Unit(i), F(i.PreviousActual, i), F(i.Baseline, i), F(i.Target, i), F(i.Actual, i),
                 i.Achievement is { } a ? Evaluator.Format(a, 1) + "%" : "—", F(i.NextTarget, i)],
                i.Status switch { "exceeded" or "met" => RowTone.Good, "missed" => RowTone.Bad, _ => RowTone.Neutral })).ToList(),
            new HashSet<int> { 2, 3, 4, 5, 6, 7 });
    }

    /// <summary>Lines a chart holds before it is split: more make its legend unreadable and its colours repeat.</summary>
    internal const int SeriesPerChart = 6;

    /// <summary>
    /// Trend per dimension (baseline → previous actual → actual → next target), indexed to the baseline = 100 so that
    /// units mix; a dimension of more than <see cref="SeriesPerChart"/> indicators gets a chart per group of them.
    /// </summary>
    private static IEnumerable<ChartBlock> Charts(string dimension, List<ReportIndicator> rows, int y, Text t)
    {
        var series = rows.Where(i => i.Baseline is > 0)
            .Select(i => new ChartSeries(Shorten(t.Name(i)),
                new[] { i.Baseline, i.PreviousActual, i.Actual, i.NextTarget }.Select(v => v is { } x ? (double?)(double)(x * 100 / i.Baseline!.Value) : null).ToList()))
            .ToList();
        var parts = series.Chunk(SeriesPerChart).ToList();
        return parts.Select((part, k) => new ChartBlock(
            t.L($"{dimension}：指标走势（基准值 = 100）", $"{dimension}: trend (baseline = 100)") + (parts.Count > 1 ? t.L($"（{k + 1}/{parts.Count}）", $" ({k + 1}/{parts.Count})") : ""), t.L("指数", "index"),
            [t.L("基准值", "baseline"), t.L($"{y - 1}年完成", $"{y - 1} actual"), t.L($"{y}年完成", $"{y} actual"), t.L($"{y + 1}年目标", $"{y + 1} target")], [.. part]));
    }

    private static string Shorten(string s) => s.Length > 24 ? s[..22] + "…" : s;

    /// <summary>
    /// Section 一 in the seed's order: （一） the operator's narrative and the progress of each 工程, （二） policies carried
    /// out and （三） innovative measures (narratives, printed when written).
    /// </summary>
    private static List<ReportBlock> ProjectSection(ReportData d, Text t, Func<ReportPhoto, string, ImageBlock?>? photo)
    {
        var blocks = Narrative(d, t, "1", t.L("（一）双创特色载体发展情况", "1.1 Development"));
        blocks.AddRange(ProgrammeBlocks(d, t, photo));
        // only when written: a snapshot taken before these parts existed keeps its form (its operator may have written
        // them into part （一）)
        if (d.Narratives.ContainsKey("1.2")) blocks.AddRange(Narrative(d, t, "1.2", t.L("（二）政策实施情况", "1.2 Policies carried out")));
        if (d.Narratives.ContainsKey("1.3")) blocks.AddRange(Narrative(d, t, "1.3", t.L("（三）创新性举措", "1.3 Innovative measures")));
        return blocks;
    }

    /// <summary>
    /// Per 工程: a generated summary, the table of its sub-projects, a progress sentence for each sub-project with a
    /// recorded investment, and its latest photos.
    /// </summary>
    private static List<ReportBlock> ProgrammeBlocks(ReportData d, Text t, Func<ReportPhoto, string, ImageBlock?>? photo)
    {
        var blocks = new List<ReportBlock>();
        if (d.Projects is not { Count: > 0 } projects) return blocks;
        string W(long fen) => t.L(Funds.Money.Short(fen) + "万元", Funds.Money.Short(fen) + " (10k CNY)");
        foreach (var g in projects.GroupBy(p => (p.ProgrammeCode, p.Programme)))
        {
            var list = g.ToList();
            blocks.Add(new SubHeading(t.L($"{g.Key.ProgrammeCode}{g.Key.Programme}建设进度", $"{g.Key.ProgrammeCode} {g.Key.Programme}: progress")));
            var planned = list.Where(p => p.TotalInvestmentFen > 0).ToList();
            var invested = list.Where(p => p.InvestedFen is not null).ToList();
            var sb = new StringBuilder(t.L($"本工程共{list.Count}个子项目", $"This programme has {list.Count} sub-projects"));
            if (planned.Count > 0)
                sb.Append(t.L($"，其中{planned.Count}个载明项目总投资，合计{W(planned.Sum(p => p.TotalInvestmentFen))}", $"; {planned.Count} state a total investment, {W(planned.Sum(p => p.TotalInvestmentFen))} together"));
            var paid = list.Sum(p => p.DisbursedFen);
            if (paid != 0) sb.Append(t.L($"；截至{d.Year}年底拨付专项资金{W(paid)}", $"; {W(paid)} of the special fund disbursed by the end of {d.Year}"));
            if (invested.Count > 0)
                sb.Append(t.L($"；{invested.Count}个子项目记录了完成投资，合计{W(invested.Sum(p => p.InvestedFen!.Value))}", $"; {invested.Count} recorded their investment so far, {W(invested.Sum(p => p.InvestedFen!.Value))} together"));
            var milestones = list.Sum(p => p.MilestonesTotal);
            if (milestones > 0)
                sb.Append(t.L($"；里程碑已验收{list.Sum(p => p.MilestonesApproved)}/{milestones}", $"; milestones approved {list.Sum(p => p.MilestonesApproved)}/{milestones}"));
            blocks.Add(new Paragraph(sb.Append(t.L("。", ".")).ToString(), Generated: true));
            blocks.Add(new TableBlock(t.L($"{g.Key.ProgrammeCode}{g.Key.Programme}子项目情况（万元）", $"{g.Key.ProgrammeCode} sub-projects (10k CNY)"), t.L($"子项目{g.Key.ProgrammeCode}", $"Projects {g.Key.ProgrammeCode}"),
                [t.L("序号", "No."), t.L("项目名称", "Sub-project"), t.L("实施单位", "Unit"), t.L("总投资", "Total"), t.L("已拨付", "Disbursed"), t.L("完成投资", "Invested"), t.L("进度", "Progress"), t.L("里程碑", "Milestones"), t.L("状态", "Status")],
                list.Select((p, i) => new TableRow([
                    $"{i + 1}", p.Name, p.Unit ?? "—", p.TotalInvestmentFen > 0 ? Money(p.TotalInvestmentFen) : "—", p.DisbursedFen != 0 ? Money(p.DisbursedFen) : "—",
                    p.InvestedFen is { } v ? Money(v) : "—", Projects.ProjectProgress.Percent(p.InvestedFen, p.TotalInvestmentFen) is { } pc ? $"{pc:0.0}%" : "—",
                    p.MilestonesTotal > 0 ? $"{p.MilestonesApproved}/{p.MilestonesTotal}" : "—", StatusLabel(p.Status, t)])).ToList(),
                new HashSet<int> { 3, 4, 5, 6 }));
            foreach (var p in list)
            {
                if (Projects.ProjectProgress.Sentence(p.InvestedFen, p.TotalInvestmentFen, t.English) is { } sentence)
                    blocks.Add(new Paragraph(t.L($"{p.Name}：{sentence}。", $"{p.Name}: {sentence}."), Generated: true));
                if (photo is null) continue;
                foreach (var ph in p.Photos)
                    if (photo(ph, t.L($"{p.Name}：{ph.Caption}（{ph.On:yyyy年M月d日}）", $"{p.Name}: {ph.Caption} ({ph.On:yyyy-MM-dd})")) is { } image)
                        blocks.Add(image);
            }
        }
        return blocks;
    }

    private static string StatusLabel(string status, Text t) => status switch
    {
        "planned" => t.L("未开工", "planned"),
        "running" => t.L("实施中", "running"),
        "completed" => t.L("已完成", "completed"),
        _ => t.L("暂停", "suspended"),
    };

    /// <summary>Section 二: the narrative, then the receipts and disbursements generated from the fund ledger.</summary>
    private static List<ReportBlock> FundSection(ReportData d, Text t)
    {
        var blocks = Narrative(d, t, "2", t.L("资金拨付和执行情况及使用情况", "Disbursement and execution"));
        if (d.Funds is not { } f) return blocks;
        if (blocks is [_, Paragraph { Generated: false, Text: var empty }] && empty.StartsWith('（')) blocks.RemoveAt(1);
        string W(long fen) => t.L(Money(fen) + "万元", Money(fen) + " (10k CNY)");
        var received = string.Join(t.L("；", "; "), f.Batches.Select(b => t.L($"{b.Date:yyyy年M月}到位{b.Document}{W(b.AmountFen)}", $"{b.Date:yyyy-MM}: {b.Document}, {W(b.AmountFen)}")));
        var paid = string.Join(t.L("，", ", "), f.ByYear.Where(y => y.DisbursedFen != 0).Select(y => t.L($"{y.Year}年拨付资金到各子项目合计{W(y.DisbursedFen)}", $"{W(y.DisbursedFen)} disbursed in {y.Year}")));
        var text = t.L($"截至{d.Year}年底，{received}，合计资金到位{W(f.ReceivedFen)}。{paid}，合计拨付{W(f.DisbursedFen)}",
                       $"By the end of {d.Year}: {received}; {W(f.ReceivedFen)} received in total. {paid}; {W(f.DisbursedFen)} disbursed in total")
                   + (f.ExecutionRate is { } r ? t.L($"，资金执行率{Evaluator.Format(r, 2)}%。", $", an execution rate of {Evaluator.Format(r, 2)}%.") : t.L("。", "."));
        blocks.Add(new Paragraph(text, Generated: true));
        var rows = f.Batches.Select(b => new TableRow([$"{b.Date:yyyy-MM-dd}", b.Document, Money(b.AmountFen), ""]))
            .Concat(f.ByYear.Where(y => y.DisbursedFen != 0).Select(y => new TableRow([$"{y.Year}", t.L($"{y.Year}年拨付各子项目", $"disbursed in {y.Year}"), "", Money(y.DisbursedFen)])))
            .Append(new TableRow([t.L("合计", "Total"), t.L($"执行率 {(f.ExecutionRate is { } e ? Evaluator.Format(e, 2) + "%" : "—")}", $"execution rate {(f.ExecutionRate is { } e2 ? Evaluator.Format(e2, 2) + "%" : "—")}"), Money(f.ReceivedFen), Money(f.DisbursedFen)]))
            .ToList();
        blocks.Add(new TableBlock(t.L("专项资金到位和拨付情况（万元）", "Special fund received and disbursed (10k CNY)"), t.L("资金", "Funds"),
            [t.L("日期", "Date"), t.L("事项", "Item"), t.L("到位", "Received"), t.L("拨付", "Disbursed")], rows, new HashSet<int> { 2, 3 }));
        return blocks;
    }

    private static string Money(long fen) => Funds.Money.Number(fen);

    private static List<ReportBlock> Missed(ReportData d, Text t)
    {
        var blocks = new List<ReportBlock> { new SubHeading(t.L("（一）未达到绩效目标的指标及原因", "5.1 Missed targets and their reasons")) };
        var missed = d.Indicators.Where(i => i.Status == "missed").ToList();
        if (missed.Count == 0) blocks.Add(new Paragraph(t.L($"{d.Year}年各项绩效目标均已完成。", $"All {d.Year} targets were met."), Generated: true));
        foreach (var i in missed)
            blocks.Add(new Paragraph(t.L($"{i.Short}：{Sentence(i, d.Year, t)}。原因：{i.MissReason ?? "（未填写）"}",
                $"{i.NameEn}: {Sentence(i, d.Year, t)}. Reason: {i.MissReason ?? "(not written)"}"), Generated: true));
        blocks.AddRange(Narrative(d, t, "5", t.L("（二）原因分析及下一步改进措施", "5.2 Reasons and next steps"), nested: true));
        return blocks;
    }
}
