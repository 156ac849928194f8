using Rongtong.Web.Features.Reports;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Performance.Evaluation;

namespace Rongtong.Tests.Performance;

public sealed class EvaluatorTests
{
    [Theory]
    [InlineData(100, 101, EvalStatus.Exceeded)]
    [InlineData(100, 100, EvalStatus.Met)]
    [InlineData(100, 99.99, EvalStatus.Missed)]
    public void Positive_indicators_are_met_at_the_target_and_exceeded_above_it(double target, double actual, EvalStatus expected) =>
        Assert.Equal(expected, Evaluator.Evaluate(Direction.Positive, (decimal)target, (decimal)actual, null, null).Status);

    [Theory]
    [InlineData(100, 99, EvalStatus.Exceeded)]
    [InlineData(100, 100, EvalStatus.Met)]
    [InlineData(100, 100.01, EvalStatus.Missed)]
    public void Negative_indicators_mirror_it(double target, double actual, EvalStatus expected) =>
        Assert.Equal(expected, Evaluator.Evaluate(Direction.Negative, (decimal)target, (decimal)actual, null, null).Status);

    [Fact]
    public void Without_an_actual_or_a_target_there_is_no_status_to_compare()
    {
        Assert.Equal(EvalStatus.NoActual, Evaluator.Evaluate(Direction.Positive, 10, null, 5, 10).Status);
        var noTarget = Evaluator.Evaluate(Direction.Positive, null, 12, 10, 10);
        Assert.Equal(EvalStatus.NoTarget, noTarget.Status);
        Assert.Null(noTarget.Score);
        Assert.Equal(2, noTarget.Change);
    }

    [Fact]
    public void Gap_achievement_change_and_growth_are_computed_from_the_figures()
    {
        // the seed's 资本服务机构: baseline 18, target 28, actual 17
        var e = Evaluator.Evaluate(Direction.Positive, 28, 17, 18, null);
        Assert.Equal((EvalStatus.Missed, 11m, -1m), (e.Status, e.Gap!.Value, e.Change!.Value));
        Assert.Equal(60.7m, Math.Round(e.Achievement!.Value, 1));
        var n = Evaluator.Evaluate(Direction.Negative, 50, 40, null, null);
        Assert.Equal((-10m, 125m), (n.Gap!.Value, n.Achievement!.Value));
    }

    [Fact]
    public void Score_is_weight_times_capped_achievement_and_the_total_is_rescaled_over_the_indicators_that_apply()
    {
        var missed = Evaluator.Evaluate(Direction.Positive, 100, 80, null, 20);   // 16 of 20
        var exceeded = Evaluator.Evaluate(Direction.Positive, 100, 150, null, 30); // capped: 30 of 30
        var noTarget = Evaluator.Evaluate(Direction.Positive, null, 150, null, 50); // dropped
        Assert.Equal(16m, missed.Score);
        Assert.Equal(30m, exceeded.Score);
        Assert.Equal(92m, Evaluator.Total([(20m, missed), (30m, exceeded), (50m, noTarget)]));
        Assert.Null(Evaluator.Total([(50m, noTarget)]));

        // a target with nothing reported applies and scores nothing: missing figures cannot raise the total
        var unreported = Evaluator.Evaluate(Direction.Positive, 100, null, null, 50);
        Assert.Equal((EvalStatus.NoActual, 0m), (unreported.Status, unreported.Score!.Value));
        Assert.Equal(46m, Evaluator.Total([(20m, missed), (30m, exceeded), (50m, unreported)]));
        // cut, not rounded, to two places: 89.995 stays below 优
        var almost = Evaluator.Evaluate(Direction.Positive, 100_000, 89_995, null, 1);
        Assert.Equal(89.99m, Evaluator.Total([(1m, almost)]));
        Assert.Equal("良", Evaluator.Grade(Evaluator.Total([(1m, almost)])!.Value));
    }

    [Theory]
    [InlineData(90, "优")]
    [InlineData(89.99, "良")]
    [InlineData(80, "良")]
    [InlineData(79.99, "中")]
    [InlineData(60, "中")]
    [InlineData(59.99, "差")]
    public void Grades_follow_the_fiscal_bands(double total, string grade) => Assert.Equal(grade, Evaluator.Grade((decimal)total));

    [Theory]
    [InlineData(183, 102, "增长79.4%")]
    [InlineData(90, 100, "下降10%")]
    [InlineData(100, 100, "持平")]
    [InlineData(0.86, 0.56, "增长53.6%")]
    public void Growth_wording_is_computed_never_typed(double current, double previous, string expected) =>
        Assert.Equal(expected, Evaluator.GrowthZh((decimal)current, (decimal)previous));

    [Theory]
    [InlineData(5126062.3, 4, false, "5126062.3")]
    [InlineData(5126062.3, 4, true, "5,126,062.3")]
    [InlineData(-39882.25, 1, true, "-39,882.3")]
    [InlineData(0.391, 4, true, "0.391")]
    [InlineData(121.0, 1, true, "121")]
    public void Numbers_print_without_trailing_zeros_and_group_on_request(double value, int decimals, bool grouped, string expected) =>
        Assert.Equal(expected, Evaluator.Format((decimal)value, decimals, grouped));

    [Theory]
    [InlineData("2020", 2020, PeriodKind.Y)]
    [InlineData("2021q3", 2021, PeriodKind.Q3)]
    [InlineData("2021H1", 2021, PeriodKind.H1)]
    public void Periods_parse(string s, int year, PeriodKind kind)
    {
        Assert.True(Period.TryParse(s, out var p));
        Assert.Equal(new Period(year, kind), p);
    }

    [Theory]
    [InlineData("20")]
    [InlineData("2020Q5")]
    [InlineData("2020X")]
    [InlineData("1999")]
    public void Bad_periods_do_not_parse(string s) => Assert.False(Period.TryParse(s, out _));

    [Fact]
    public void The_previous_period_has_the_same_length()
    {
        Assert.Equal(new Period(2019, PeriodKind.Q4), new Period(2020, PeriodKind.Q1).Previous);
        Assert.Equal(new Period(2019, PeriodKind.H2), new Period(2020, PeriodKind.H1).Previous);
        Assert.Equal(new Period(2020, PeriodKind.Q2), new Period(2020, PeriodKind.Q3).Previous);
        Assert.Equal(new DateOnly(2020, 7, 1), new Period(2020, PeriodKind.H2).Start);
        Assert.True(new Period(2020, PeriodKind.Q1).Applies(Frequency.Quarter));
        Assert.False(new Period(2020, PeriodKind.Q1).Applies(Frequency.HalfYear));
        Assert.True(new Period(2020, PeriodKind.Y).Applies(Frequency.Quarter));
    }
}

/// <summary>The report's generated sentence for one indicator.</summary>
public sealed class ReportSentenceTests
{
    private static ReportIndicator Degree(decimal? target, decimal? actual) => new(
        "I09", "持续发展力", "Sustainable development", "从业人员中大学及以上学历人员占比", "Share of employees with a degree", "学历占比", "%", 1,
        70m, 2019, target, actual, 80m, null, actual is null ? "no_actual" : actual >= target ? "met" : "missed", null, target - actual, null, null);

    [Fact]
    public void A_missed_percentage_misses_by_percentage_points_rounded_to_the_indicators_decimals()
    {
        Assert.Equal("学历占比达67.5%（2019年基准值70%，2020年目标值82%），未完成全年目标，差14.5个百分点，比2019年下降12.5个百分点",
            ReportBuilder.Sentence(Degree(82m, 67.4927m), 2020));
    }
}
