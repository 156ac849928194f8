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

/// <summary>Everything the report shows, frozen: the snapshot's content (serialised as JSON).</summary>
public sealed record ReportData(
    string CarrierCode, string CarrierName, int Year, string PeriodStatus, DateTime? ApprovedAt, string? ApprovedBy, decimal? Total,
    List<ReportIndicator> Indicators, Dictionary<string, string> Narratives, ReportFunds? Funds = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() }, WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportData FromJson(string json) => JsonSerializer.Deserialize<ReportData>(json, Json) ?? throw new InvalidOperationException("empty snapshot");
}

/// <summary>Collects a carrier's report data for a year from the current records.</summary>
public sealed class CollectReportData(RongtongDb db, EvaluatePeriod evaluate, Funds.FundSummary funds)
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
            upTo.Batches.Count == 0 ? null : upTo);
    }
}
