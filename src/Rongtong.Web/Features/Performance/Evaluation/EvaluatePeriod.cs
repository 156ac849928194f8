using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance.Computations;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Performance.Evaluation;

/// <summary>Where a value shown for an indicator comes from.</summary>
public enum Origin
{
    None = 0,
    /// <summary>Entered by a user (with evidence).</summary>
    Entered = 1,
    /// <summary>Computed now from module records.</summary>
    Computed = 2,
    /// <summary>Computed, and frozen when the period was submitted (or approved).</summary>
    Frozen = 3,
    /// <summary>A computed value replaced by hand, with a reason.</summary>
    Override = 4,
    /// <summary>No baseline recorded: the previous period's actual is used.</summary>
    Derived = 5,
}

/// <summary>A value with its provenance.</summary>
public sealed record Cell(decimal? Value, Origin Origin, IndicatorValue? Row = null, decimal? Computed = null, int Records = 0)
{
    public static readonly Cell Empty = new(null, Origin.None);
}

/// <summary>One indicator evaluated for one period.</summary>
public sealed record IndicatorRow(
    IndicatorDefinition Indicator, Cell Baseline, Cell Target, Cell Actual, Cell Previous, Evaluation Eval)
{
    public string? MissReason => Actual.Row?.MissReason;
    public bool Returned => Baseline.Row?.ReturnMessage is not null || Target.Row?.ReturnMessage is not null || Actual.Row?.ReturnMessage is not null;
}

/// <summary>A carrier's indicators for one period, evaluated.</summary>
public sealed record PeriodEvaluation(
    Carrier Carrier, IndicatorCatalogue Catalogue, Period Period, PerformancePeriod? State, List<IndicatorRow> Rows, decimal? Total)
{
    public PeriodStatus Status => State?.Status ?? PeriodStatus.Draft;
    public bool Locked => Status != PeriodStatus.Draft;
}

/// <summary>
/// Evaluates every indicator of a carrier's catalogue for a period: recorded values, computed values for computed
/// indicators (frozen once submitted), the previous period's actual (recorded, or the baseline stated as that
/// year's, or computed), and the evaluation of RULES.md §5.
/// </summary>
public sealed class EvaluatePeriod(RongtongDb db, RegistryComputations computations)
{
    public async Task<PeriodEvaluation> HandleAsync(Carrier carrier, Period period, CancellationToken ct = default)
    {
        var (catalogue, indicators) = await Catalogues.ForCarrierAsync(db, carrier, ct);
        var applicable = indicators.Where(i => period.Applies(i.Frequency)).ToList();
        var previous = period.Previous;
        var values = await db.IndicatorValues.AsNoTracking().Include(v => v.Evidence)
            .Where(v => v.CarrierId == carrier.Id && ((v.Year == period.Year && v.Period == period.Kind) || (v.Year == previous.Year && v.Period == previous.Kind)))
            .ToListAsync(ct);
        var state = await db.PerformancePeriods.AsNoTracking().FirstOrDefaultAsync(p => p.CarrierId == carrier.Id && p.Year == period.Year && p.Kind == period.Kind, ct);
        var anyComputed = applicable.Any(i => i.Source == ValueSource.Computed);
        var now = anyComputed ? await computations.ComputeAsync(carrier.Id, period, ct) : [];
        var before = anyComputed ? await computations.ComputeAsync(carrier.Id, previous, ct) : [];
        var rows = new List<IndicatorRow>(applicable.Count);
        foreach (var i in applicable)
        {
            IndicatorValue? Find(Period p, ValueKind k) => values.FirstOrDefault(v => v.IndicatorId == i.Id && v.Year == p.Year && v.Period == p.Kind && v.Kind == k);
            var actual = ActualCell(i, period, Find(period, ValueKind.Actual), now);
            var baseRow = Find(period, ValueKind.Baseline);
            var prevRow = Find(previous, ValueKind.Actual);
            // the previous year's actual: as recorded; else the baseline entered as that year's figure; only then a
            // live computation (growth must not set a recorded baseline against a figure computed from today's data)
            var prev = prevRow?.Value is null && baseRow is { Value: { } said, ReferenceYear: { } ry } && previous.Kind == PeriodKind.Y && ry == previous.Year
                ? new Cell(said, Origin.Entered, baseRow)
                : ActualCell(i, previous, prevRow, before);
            var baseline = baseRow?.Value is { } b ? new Cell(b, Origin.Entered, baseRow)
                : prev.Value is { } pv ? new Cell(pv, Origin.Derived, baseRow) : new Cell(null, Origin.None, baseRow);
            var targetRow = Find(period, ValueKind.Target);
            var target = new Cell(targetRow?.Value, targetRow?.Value is null ? Origin.None : Origin.Entered, targetRow);
            // compared as printed, to the indicator's decimals: 75.3846% against a target of 75.4% is met, not
            // "missed by 0 percentage points"
            decimal? Printed(decimal? v) => v is { } x ? Math.Round(x, Math.Clamp(i.Decimals, 0, 6), MidpointRounding.AwayFromZero) : null;
            var eval = Evaluator.Evaluate(i.Direction, Printed(target.Value), Printed(actual.Value), Printed(prev.Value), i.Weight);
            rows.Add(new IndicatorRow(i, baseline, target, actual, prev, eval));
        }
        // an approved year keeps the total it was approved with (none, if it had no weights), whatever the weights are now
        var total = state is { Status: PeriodStatus.Approved } ? state.ApprovedTotal : Evaluator.Total(rows.Select(r => (r.Indicator.Weight, r.Eval)));
        return new PeriodEvaluation(carrier, catalogue, period, state, rows, total);
    }

    /// <summary>
    /// The actual of an indicator: entered, or computed (live, frozen at submission, or overridden). A computed
    /// indicator whose computation has no value for the period's kind (从业人员数 for a half-year: the registry holds
    /// yearly figures) is entered for that period.
    /// </summary>
    public static Cell ActualCell(IndicatorDefinition i, Period p, IndicatorValue? row, IReadOnlyDictionary<string, Computed> computed)
    {
        if (i.Source == ValueSource.Entered || !RegistryComputations.Computes(i.Computation, p.Kind))
            return row?.Value is { } v ? new Cell(v, Origin.Entered, row) : new Cell(null, Origin.None, row);
        var live = i.Computation is not null && computed.TryGetValue(i.Computation, out var c) ? c : null;
        if (row is { IsOverride: true, Value: { } o }) return new Cell(o, Origin.Override, row, row.ComputedValue ?? live?.Value, live?.Records ?? 0);
        if (row?.Value is { } f) return new Cell(f, Origin.Frozen, row, row.ComputedValue ?? f, live?.Records ?? 0);
        return new Cell(live?.Value, live?.Value is null ? Origin.None : Origin.Computed, row, live?.Value, live?.Records ?? 0);
    }
}
