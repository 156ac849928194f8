using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Reports;

/// <summary>One indicator as the report prints it, frozen in a snapshot.</summary>
public sealed record ReportIndicator(
    string Code, string Dimension, string DimensionEn, string Name, string NameEn, string Short, string Unit, int Decimals,
    decimal? Baseline, int BaselineYear, decimal? Target, decimal? Actual, decimal? PreviousActual, decimal? NextTarget,
    string Status, decimal? Achievement, decimal? Gap, string? MissReason, string? OverrideReason, string? UnitEn = null);

/// <summary>The fund ledger up to the report's year, as section 二 prints it.</summary>
public sealed record ReportFunds(long ReceivedFen, long AllocatedFen, long DisbursedFen, decimal? ExecutionRate,
    List<Funds.BatchLine> Batches, List<Funds.YearLine> ByYear);

/// <summary>A photo of a sub-project's progress: its key in the (content-addressed, so immutable) file store.</summary>
public sealed record ReportPhoto(string Key, string Caption, DateOnly On);

/// <summary>A sub-project as section 一 prints it, as of the report's year end.</summary>
public sealed record ReportProject(
    string? ProgrammeCode, string? Programme, string Code, string Name, string? Unit, long TotalInvestmentFen, long SpecialFundFen,
    long DisbursedFen, long? InvestedFen, int MilestonesApproved, int MilestonesTotal, string Status, List<ReportPhoto> Photos);

/// <summary>Everything the report shows, frozen: the snapshot's content (serialised as JSON).</summary>
public sealed record ReportData(
    string CarrierCode, string CarrierName, int Year, string PeriodStatus, DateTime? ApprovedAt, string? ApprovedBy, decimal? Total,
    List<ReportIndicator> Indicators, Dictionary<string, string> Narratives, ReportFunds? Funds = null, List<ReportProject>? Projects = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() }, WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportData FromJson(string json) => JsonSerializer.Deserialize<ReportData>(json, Json) ?? throw new InvalidOperationException("empty snapshot");
}

/// <summary>Collects a carrier's report data for a year from the current records.</summary>
public sealed class CollectReportData(RongtongDb db, EvaluatePeriod evaluate, Funds.FundSummary funds, Projects.ProjectList projects)
{
    public async Task<ReportData> HandleAsync(Carrier carrier, int year, CancellationToken ct = default)
    {
        var e = await evaluate.HandleAsync(carrier, new Period(year, PeriodKind.Y), ct);
        var next = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.CarrierId == carrier.Id && v.Year == year + 1 && v.Period == PeriodKind.Y && v.Kind == ValueKind.Target && v.Value != null)
            .ToDictionaryAsync(v => v.IndicatorId, v => v.Value!.Value, ct);
        var narratives = await db.ReportNarratives.AsNoTracking().Where(n => n.CarrierId == carrier.Id && n.Year == year)
            .ToDictionaryAsync(n => n.Section, n => n.Text, ct);
        var rows = e.Rows.Select(r => new ReportIndicator(
            r.Indicator.Code, r.Indicator.DimensionZh, r.Indicator.DimensionEn, r.Indicator.NameZh, r.Indicator.NameEn,
            string.IsNullOrEmpty(r.Indicator.ShortZh) ? r.Indicator.NameZh : r.Indicator.ShortZh, r.Indicator.Unit, r.Indicator.Decimals,
            r.Baseline.Value, r.Baseline.Row?.ReferenceYear ?? year - 1, r.Target.Value, r.Actual.Value, r.Previous.Value,
            next.TryGetValue(r.Indicator.Id, out var n) ? n : null, Evaluator.Code(r.Eval.Status), r.Eval.Achievement, r.Eval.Gap,
            r.MissReason, r.Actual.Origin == Origin.Override ? r.Actual.Row?.OverrideReason : null, r.Indicator.UnitEn)).ToList();
        var f = await funds.HandleAsync(carrier.Id, null, ct);
        var upTo = new ReportFunds(
            f.Batches.Where(b => b.Date.Year <= year).Sum(b => b.AmountFen), f.AllocatedFen, f.ByYear.Where(y => y.Year <= year).Sum(y => y.DisbursedFen), null,
            f.Batches.Where(b => b.Date.Year <= year).ToList(), f.ByYear.Where(y => y.Year <= year).ToList());
        upTo = upTo with { ExecutionRate = upTo.ReceivedFen == 0 ? null : Math.Round(upTo.DisbursedFen * 100m / upTo.ReceivedFen, 2) };
        return new ReportData(carrier.Code, carrier.Name, year, e.Status.ToString(), e.State?.ApprovedAt, e.State?.ApprovedBy, e.Total, rows, narratives,
            upTo.Batches.Count == 0 ? null : upTo, await ProjectsAsync(carrier, year, ct));
    }

    /// <summary>The sub-projects as they stood at the year end (those under a 工程), with up to two photos each.</summary>
    private async Task<List<ReportProject>?> ProjectsAsync(Carrier carrier, int year, CancellationToken ct)
    {
        var end = new DateOnly(year, 12, 31);
        var rows = (await projects.HandleAsync(carrier.Id, end, ct)).Where(r => r.Programme is not null).ToList();
        if (rows.Count == 0) return null;
        var ids = rows.Select(r => r.Id).ToList();
        var photos = (await db.Attachments.AsNoTracking()
            .Where(a => a.ContentType.StartsWith("image/"))
            .Join(db.ProgressUpdates.Where(u => ids.Contains(u.SubProjectId) && u.On <= end), a => a.ProgressUpdateId, u => u.Id, (a, u) => new { u.SubProjectId, u.On, a.Id, a.StoreKey, a.Caption, a.FileName })
            .ToListAsync(ct))
            .GroupBy(x => x.SubProjectId).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.On).ThenByDescending(x => x.Id).Take(2)
                .Select(x => new ReportPhoto(x.StoreKey, x.Caption ?? Path.GetFileNameWithoutExtension(x.FileName), x.On)).ToList());
        return rows.Select(r => new ReportProject(r.ProgrammeCode, r.Programme, r.Code, r.Name, r.Unit, r.TotalInvestmentFen, r.SpecialFundFen, r.DisbursedFen,
            r.InvestedFen, r.Milestones.Approved, r.Milestones.Total, r.Status.ToString().ToLowerInvariant(), photos.GetValueOrDefault(r.Id) ?? [])).ToList();
    }
}
