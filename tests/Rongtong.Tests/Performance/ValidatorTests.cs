using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Features.Registry;

namespace Rongtong.Tests.Performance;

/// <summary>Every validation rule, with its boundary, on hand-made evaluations.</summary>
public sealed class ValidatorTests
{
    private static readonly Period P2020 = new(2020, PeriodKind.Y);

    private static IndicatorRow Row(decimal? baseline = null, decimal? target = null, decimal? actual = null, decimal? previous = null,
        string unit = "家", bool evidence = true, string? missReason = null, int? referenceYear = null, Direction direction = Direction.Positive)
    {
        var def = new IndicatorDefinition { Id = 1, Code = "I99", NameZh = "测试指标", NameEn = "Test", Unit = unit, Direction = direction };
        IndicatorValue Value(ValueKind k, decimal? v)
        {
            var row = new IndicatorValue { IndicatorId = 1, Kind = k, Value = v, ReferenceYear = k == ValueKind.Baseline ? referenceYear : null, MissReason = k == ValueKind.Actual ? missReason : null };
            if (evidence) row.Evidence.Add(new EvidenceFile { FileName = "a.pdf" });
            return row;
        }
        Cell C(ValueKind k, decimal? v) => v is null ? Cell.Empty : new Cell(v, Origin.Entered, Value(k, v));
        return new IndicatorRow(def, C(ValueKind.Baseline, baseline), C(ValueKind.Target, target), C(ValueKind.Actual, actual),
            previous is null ? Cell.Empty : new Cell(previous, Origin.Entered), Evaluator.Evaluate(direction, target, actual, previous, null));
    }

    private static List<Finding> Run(IndicatorRow row, IEnumerable<StatedFigure>? stated = null, Dictionary<(int, int), decimal>? refs = null, decimal factor = 2) =>
        Validator.Validate(new PeriodEvaluation(new Carrier(), new IndicatorCatalogue(), P2020, null, [row], null), refs ?? [], stated ?? [], factor);

    private static string[] Rules(List<Finding> f) => f.Select(x => x.Rule).ToArray();

    [Fact]
    public void A_baseline_that_differs_from_the_actual_of_the_year_it_claims_is_an_error()
    {
        var f = Run(Row(baseline: 31, target: 35, actual: 39, previous: 30));
        var finding = Assert.Single(f);
        Assert.Equal((Validator.BaselineMismatch, Severity.Error), (finding.Rule, finding.Severity));
        Assert.Equal(31m, finding.Values["baseline"]);
        Assert.Equal(30m, finding.Values["recorded"]);
        Assert.Empty(Run(Row(baseline: 30, target: 35, actual: 39, previous: 30)));
    }

    [Fact]
    public void A_baseline_claiming_an_older_year_is_checked_against_that_year()
    {
        var row = Row(baseline: 27, target: 35, actual: 39, previous: 30, referenceYear: 2018);
        Assert.Empty(Run(row, refs: new() { [(1, 2018)] = 27 }));
        Assert.Equal([Validator.BaselineMismatch], Rules(Run(row, refs: new() { [(1, 2018)] = 26 })));
    }

    [Fact]
    public void A_target_below_the_previous_actual_is_a_warning_and_equal_is_not()
    {
        var f = Run(Row(target: 5117250, actual: 5126062.3m, previous: 5121000, unit: "万元"));
        Assert.Equal([Validator.UnambitiousTarget], Rules(f));
        Assert.Equal(Severity.Warning, f[0].Severity);
        Assert.Empty(Run(Row(target: 5121000, actual: 5126062.3m, previous: 5121000, unit: "万元")));
        Assert.Equal([Validator.UnambitiousTarget], Rules(Run(Row(target: 12, actual: 10, previous: 11, direction: Direction.Negative))));
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(0, false)]
    [InlineData(100.1, true)]
    [InlineData(-0.1, true)]
    public void Percentages_outside_0_to_100_are_errors(double actual, bool found) =>
        Assert.Equal(found, Rules(Run(Row(actual: (decimal)actual, unit: "%"))).Contains(Validator.PercentRange));

    [Theory]
    [InlineData(204, false)] // exactly twice: not beyond the factor
    [InlineData(205, true)]
    [InlineData(51, false)]
    [InlineData(50, true)]
    public void A_change_beyond_the_factor_either_way_is_a_jump(double actual, bool found) =>
        Assert.Equal(found, Rules(Run(Row(actual: (decimal)actual, previous: 102))).Contains(Validator.Jump));

    [Fact]
    public void An_entered_value_without_evidence_is_a_warning()
    {
        var f = Run(Row(target: 10, actual: 12, evidence: false));
        Assert.Equal([Validator.MissingEvidence, Validator.MissingEvidence], Rules(f));
        Assert.Empty(Run(Row(target: 10, actual: 12, evidence: true)));
    }

    [Fact]
    public void A_missed_target_needs_a_written_reason()
    {
        Assert.Equal([Validator.MissingReason], Rules(Run(Row(target: 305, actual: 285))));
        Assert.Empty(Run(Row(target: 305, actual: 285, missReason: "疫情影响，线下活动减少")));
        Assert.Empty(Run(Row(target: 285, actual: 285)));
    }

    private static StatedFigure Claim(ClaimKind kind, decimal value, ValueKind? valueKind = null) =>
        new() { IndicatorId = 1, Year = 2020, Period = PeriodKind.Y, Claim = kind, Kind = valueKind, Value = value, Source = "报告", Quote = "所述" };

    [Fact]
    public void Stated_figures_that_do_not_add_up_are_reported_and_those_that_do_are_not()
    {
        var row = Row(target: 305, actual: 285, previous: 289, missReason: "r");
        Assert.Equal([Validator.StatedShortfall], Rules(Run(row, [Claim(ClaimKind.Shortfall, 16)])));
        Assert.Empty(Run(row, [Claim(ClaimKind.Shortfall, 20)]));
        var grew = Row(target: 170, actual: 183, previous: 102);
        var g = Assert.Single(Run(grew, [Claim(ClaimKind.Growth, 179)]));
        Assert.Contains("增长79.4%", g.MessageZh);
        Assert.Empty(Run(grew, [Claim(ClaimKind.Growth, 79.4m)]));
        var rose = Row(target: 20, actual: 23, previous: 18);
        Assert.Equal([Validator.StatedIncrease], Rules(Run(rose, [Claim(ClaimKind.Increase, 2)])));
        Assert.Empty(Run(rose, [Claim(ClaimKind.Increase, 5)]));
        Assert.Equal([Validator.StatedValue], Rules(Run(Row(target: 35, actual: 39), [Claim(ClaimKind.Value, 31, ValueKind.Actual)])));
        Assert.Empty(Run(Row(target: 35, actual: 39), [Claim(ClaimKind.Value, 39, ValueKind.Actual)]));
    }
}
