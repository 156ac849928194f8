using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Performance.Evaluation;

public enum Severity { Warning = 1, Error = 2 }

/// <summary>One validation finding: the rule, the indicator, the period and the values involved.</summary>
public sealed record Finding(string Rule, Severity Severity, string Indicator, string Period, string MessageZh, string MessageEn, IReadOnlyDictionary<string, decimal?> Values)
{
    public string Message => Loc.T(MessageZh, MessageEn);
    public string SeverityCode => Severity == Severity.Error ? "error" : "warning";
}

/// <summary>
/// The validation rules, run on demand and before submission. Pure: everything it needs is passed in, so every rule
/// is unit-tested with its boundaries.
/// </summary>
public static class Validator
{
    public const string BaselineMismatch = "baseline_mismatch", UnambitiousTarget = "unambitious_target", PercentRange = "percent_range",
        Jump = "jump", MissingEvidence = "missing_evidence", MissingReason = "missing_reason",
        StatedValue = "stated_value", StatedIncrease = "stated_increase", StatedShortfall = "stated_shortfall", StatedGrowth = "stated_growth",
        StatedMet = "stated_met";

    /// <summary>Every rule with its severity and description, for the findings page.</summary>
    public static readonly (string Rule, Severity Severity, string Zh, string En)[] Rules =
    [
        (BaselineMismatch, Severity.Error, "基准值与其所称年份的完成值不一致", "a baseline differs from the recorded actual of the year it claims to be"),
        (UnambitiousTarget, Severity.Warning, "目标值低于上期完成值（目标不积极）", "a target below the previous actual (unambitious)"),
        (PercentRange, Severity.Error, "百分比超出 0–100", "a percentage outside 0–100"),
        (Jump, Severity.Warning, "完成值较上期变化超过设定倍数", "an actual changed on the previous period beyond the configured factor"),
        (MissingEvidence, Severity.Warning, "填报值没有佐证材料", "an entered value without evidence"),
        (MissingReason, Severity.Error, "未完成目标但未填写原因", "a missed target without a written reason"),
        (StatedValue, Severity.Warning, "文件所述数值与记录不一致", "a figure stated in a document differs from the record"),
        (StatedIncrease, Severity.Warning, "文件所述增加值与前后数值不符", "a stated increase does not add up"),
        (StatedShortfall, Severity.Warning, "文件所述差额与目标、完成值不符", "a stated shortfall does not add up"),
        (StatedGrowth, Severity.Warning, "文件所述增长率与数值不符", "a stated growth rate does not match the figures"),
        (StatedMet, Severity.Warning, "文件称完成目标，但未设目标或未完成", "a document says the target was met, but there is none or it was missed"),
    ];

    private static Severity SeverityOf(string rule) => Rules.First(r => r.Rule == rule).Severity;

    /// <param name="e">The evaluated period.</param>
    /// <param name="referenceActuals">Actuals of the years baselines claim to be, by (indicator id, year) — for years other than the previous one.</param>
    /// <param name="stated">Figures stated in documents about this period.</param>
    /// <param name="jumpFactor">A change beyond this factor (either way) is a jump.</param>
    public static List<Finding> Validate(PeriodEvaluation e, IReadOnlyDictionary<(int Indicator, int Year), decimal> referenceActuals, IEnumerable<StatedFigure> stated, decimal jumpFactor)
    {
        var list = new List<Finding>();
        var period = e.Period.ToString();
        foreach (var r in e.Rows)
        {
            var i = r.Indicator;
            var u = i.Unit;
            void Add(string rule, string zh, string en, params (string Key, decimal? Value)[] values) =>
                list.Add(new Finding(rule, SeverityOf(rule), i.Code, period, $"{i.Code} {i.NameZh}：{zh}", $"{i.Code} {i.NameEn}: {en}", values.ToDictionary(v => v.Key, v => v.Value)));

            // a baseline claims to be the actual of a year (the previous one unless stated)
            if (r.Baseline is { Origin: Origin.Entered, Value: { } b, Row: var br })
            {
                var refYear = br?.ReferenceYear ?? e.Period.Year - 1;
                // only a recorded actual (entered, overridden or frozen at approval) is what a baseline can claim to be
                decimal? recorded = e.Period.Kind == PeriodKind.Y && refYear == e.Period.Year - 1
                    ? (r.Previous.Origin is Origin.Entered or Origin.Override or Origin.Frozen ? r.Previous.Value : null)
                    : referenceActuals.TryGetValue((i.Id, refYear), out var ra) ? ra : null;
                if (recorded is { } rec && rec != b)
                    Add(BaselineMismatch, $"基准值 {F(b)}{u} 称为{refYear}年完成值，但{refYear}年完成值记录为 {F(rec)}{u}",
                        $"baseline {F(b)} claims to be the {refYear} actual, recorded as {F(rec)}", ("baseline", b), ("recorded", rec), ("year", refYear));
            }
            if (r.Target.Value is { } t && r.Previous.Value is { } p && (i.Direction == Direction.Positive ? t < p : t > p))
                Add(UnambitiousTarget, $"目标值 {F(t)}{u} 低于上期完成值 {F(p)}{u}", $"target {F(t)} is below the previous actual {F(p)}", ("target", t), ("previous", p));
            if (i.IsPercent)
                foreach (var (name, zh, c) in new[] { ("baseline", "基准值", r.Baseline), ("target", "目标值", r.Target), ("actual", "完成值", r.Actual) })
                    if (c.Value is { } v && (v < 0 || v > 100))
                        Add(PercentRange, $"{zh} {F(v)}% 超出 0–100", $"{name} {F(v)}% is outside 0–100", (name, v));
            if (r.Actual.Value is { } a && r.Previous.Value is { } pa && a != 0 && pa != 0 && a * pa > 0)
            {
                var ratio = a / pa;
                if (ratio > jumpFactor || ratio < 1 / jumpFactor)
                    Add(Jump, $"完成值 {F(a)}{u} 为上期 {F(pa)}{u} 的 {F(ratio * 100, 1)}%，超过 {F(jumpFactor)} 倍的变化界限",
                        $"actual {F(a)} is {F(ratio * 100, 1)}% of the previous {F(pa)}, beyond a factor of {F(jumpFactor)}", ("actual", a), ("previous", pa), ("factor", jumpFactor));
            }
            foreach (var (name, zh, c) in new[] { ("baseline", "基准值", r.Baseline), ("target", "目标值", r.Target), ("actual", "完成值", r.Actual) })
                if (c.Origin is Origin.Entered or Origin.Override && c.Row is { } row && row.Evidence.Count == 0)
                    Add(MissingEvidence, $"{zh} {F(c.Value!.Value)}{u} 没有佐证材料", $"{name} {F(c.Value!.Value)} has no evidence", (name, c.Value));
            if (r.Eval.Status == EvalStatus.Missed && string.IsNullOrWhiteSpace(r.MissReason))
                Add(MissingReason, $"完成值 {F(r.Actual.Value!.Value)}{u} 未达目标值 {F(r.Target.Value!.Value)}{u}，须填写未达到绩效目标的原因",
                    $"actual {F(r.Actual.Value!.Value)} missed the target {F(r.Target.Value!.Value)}: a reason is required", ("actual", r.Actual.Value), ("target", r.Target.Value));

            foreach (var s in stated.Where(s => s.IndicatorId == i.Id))
            {
                var q = $"“{s.Quote}”（{s.Source}）";
                switch (s.Claim)
                {
                    case ClaimKind.Value:
                        var cell = s.Kind switch { ValueKind.Baseline => r.Baseline, ValueKind.Target => r.Target, _ => r.Actual };
                        if (cell.Value is { } cv && cv != s.Value)
                            Add(StatedValue, $"{q}所述{KindZh(s.Kind)} {F(s.Value)}{u}，记录为 {F(cv)}{u}", $"“{s.Quote}” ({s.Source}) states {s.Kind?.ToString().ToLowerInvariant()} {F(s.Value)}, recorded {F(cv)}", ("stated", s.Value), ("recorded", cv));
                        break;
                    case ClaimKind.Increase when r.Actual.Value is { } a2 && r.Previous.Value is { } p2 && a2 - p2 != s.Value:
                        Add(StatedIncrease, $"{q}所述增加 {F(s.Value)}{u}，而 {F(a2)} − {F(p2)} = {F(a2 - p2)}{u}", $"“{s.Quote}” states an increase of {F(s.Value)}, but {F(a2)} − {F(p2)} = {F(a2 - p2)}",
                            ("stated", s.Value), ("actual", a2), ("previous", p2), ("computed", a2 - p2));
                        break;
                    case ClaimKind.Shortfall when r.Actual.Value is { } a3 && r.Target.Value is { } t3 && t3 - a3 != s.Value:
                        Add(StatedShortfall, $"{q}所述差 {F(s.Value)}{u}，而 {F(t3)} − {F(a3)} = {F(t3 - a3)}{u}", $"“{s.Quote}” states a shortfall of {F(s.Value)}, but {F(t3)} − {F(a3)} = {F(t3 - a3)}",
                            ("stated", s.Value), ("target", t3), ("actual", a3), ("computed", t3 - a3));
                        break;
                    case ClaimKind.Growth when r.Actual.Value is { } a4 && r.Previous.Value is { } p4 && p4 != 0:
                        var g = Math.Round((a4 - p4) * 100m / Math.Abs(p4), 1, MidpointRounding.AwayFromZero);
                        if (Math.Abs(g - s.Value) >= 0.1m)
                            Add(StatedGrowth, $"{q}所述增长 {F(s.Value)}%，而 {F(a4)} 比 {F(p4)} {Evaluator.GrowthZh(a4, p4)}（为上期的{F(Math.Round(a4 * 100m / p4, 1), 1)}%）",
                                $"“{s.Quote}” states growth of {F(s.Value)}%, but {F(a4)} on {F(p4)} is {Evaluator.GrowthEn(a4, p4)}", ("stated", s.Value), ("actual", a4), ("previous", p4), ("computed", g));
                        break;
                    case ClaimKind.Met when r.Eval.Status is not (EvalStatus.Met or EvalStatus.Exceeded):
                        Add(StatedMet, r.Target.Value is { } t5
                                ? $"{q}称完成目标，而完成值 {(r.Actual.Value is { } a5 ? F(a5) + u : "未填报")} 未达目标值 {F(t5)}{u}"
                                : $"{q}称完成目标，而{e.Period.Label}未设目标值",
                            r.Target.Value is null ? $"“{s.Quote}” ({s.Source}) says the target was met, but {e.Period.Label} has no target"
                                : $"“{s.Quote}” ({s.Source}) says the target was met, but it was not", ("target", r.Target.Value), ("actual", r.Actual.Value));
                        break;
                }
            }
        }
        return list;
    }

    private static string KindZh(ValueKind? k) => k switch { ValueKind.Baseline => "基准值", ValueKind.Target => "目标值", _ => "完成值" };

    private static string F(decimal v, int d = 4) => Evaluator.Format(v, d);
}

/// <summary>Runs the validation of a carrier's period against the database.</summary>
public sealed class ValidatePeriod(RongtongDb db, EvaluatePeriod evaluate)
{
    public async Task<(PeriodEvaluation Evaluation, List<Finding> Findings)> HandleAsync(Carrier carrier, Period period, CancellationToken ct = default)
    {
        var e = await evaluate.HandleAsync(carrier, period, ct);
        return (e, await FindingsAsync(e, ct));
    }

    public async Task<List<Finding>> FindingsAsync(PeriodEvaluation e, CancellationToken ct = default)
    {
        var carrierId = e.Carrier.Id;
        var period = e.Period;
        var refYears = e.Rows.Select(r => r.Baseline.Row?.ReferenceYear).Where(y => y is not null && y != period.Year - 1).Select(y => y!.Value).Distinct().ToList();
        var refs = refYears.Count == 0 ? [] : await db.IndicatorValues.AsNoTracking()
            .Where(v => v.CarrierId == carrierId && v.Period == PeriodKind.Y && v.Kind == ValueKind.Actual && refYears.Contains(v.Year) && v.Value != null)
            .ToDictionaryAsync(v => (v.IndicatorId, v.Year), v => v.Value!.Value, ct);
        var stated = await db.StatedFigures.AsNoTracking().Where(s => s.CarrierId == carrierId && s.Year == period.Year && s.Period == period.Kind).ToListAsync(ct);
        return Validator.Validate(e, refs, stated, e.Catalogue.JumpFactor);
    }
}
