using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Projects;

namespace Rongtong.Tests.Projects;

/// <summary>The progress arithmetic and the sentences generated from it.</summary>
public sealed class ProjectProgressTests
{
    private static long W(decimal wan) => Money.FromWan(wan);

    [Fact]
    public void The_seed_sub_project_is_at_30_1_percent_not_the_30_9_its_text_states()
    {
        Assert.Equal(30.1m, ProjectProgress.Percent(W(137.8m), W(458)));
        Assert.True(ProjectProgress.Contradicts(30.9m, 30.1m));
        Assert.False(ProjectProgress.Contradicts(30.1m, 30.1m));
        Assert.False(ProjectProgress.Contradicts(null, 30.1m));
        Assert.Equal("完成资金投入137.8万元，完成项目总投入458万元的30.1%", ProjectProgress.Sentence(W(137.8m), W(458), english: false));
        Assert.Equal("137.8 (10k CNY) invested, 30.1% of the total investment of 458 (10k CNY)", ProjectProgress.Sentence(W(137.8m), W(458), english: true));
    }

    [Theory]
    [InlineData(1, 8, 12.5)]      // exact
    [InlineData(1, 3, 33.3)]      // 33.333… down
    [InlineData(2, 3, 66.7)]      // 66.666… up
    [InlineData(1, 16, 6.3)]      // 6.25 half away from zero
    [InlineData(5, 4, 125.0)]     // over the plan is shown as it is
    [InlineData(0, 4, 0.0)]
    public void The_percentage_has_one_decimal_rounded_half_away_from_zero(int invested, int total, decimal expected) =>
        Assert.Equal(expected, ProjectProgress.Percent(W(invested), W(total)));

    [Fact]
    public void Without_an_investment_or_a_plan_there_is_no_percentage()
    {
        Assert.Null(ProjectProgress.Percent(null, W(100)));
        Assert.Null(ProjectProgress.Percent(W(10), 0));
        Assert.Null(ProjectProgress.Sentence(null, W(100), english: false));
        Assert.Equal("完成资金投入10万元", ProjectProgress.Sentence(W(10), 0, english: false));
    }

    [Fact]
    public void Milestones_are_counted_as_approved_due_and_overdue_on_a_day()
    {
        var day = new DateOnly(2020, 12, 31);
        var m = ProjectProgress.Count(
        [
            (new DateOnly(2020, 6, 30), MilestoneState.Approved),
            (new DateOnly(2020, 12, 31), MilestoneState.Reported), // due that day, reported but not approved: overdue
            (new DateOnly(2021, 1, 1), MilestoneState.Open),       // not yet due
            (new DateOnly(2021, 6, 30), MilestoneState.Approved),  // approved early
        ], day);
        Assert.Equal(new ProjectProgress.MilestoneCount(4, 2, 2, 1), m);
        Assert.Equal(new ProjectProgress.MilestoneCount(0, 0, 0, 0), ProjectProgress.Count([], day));
    }
}
