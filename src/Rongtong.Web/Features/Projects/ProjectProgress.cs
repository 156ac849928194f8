using Rongtong.Web.Features.Funds;

namespace Rongtong.Web.Features.Projects;

/// <summary>
/// The progress of a sub-project computed from its data: invested so far against the planned total investment, and
/// milestones approved against those due. The report's sentences are generated from these numbers, so that a
/// percentage can never disagree with the amounts it is computed from.
/// </summary>
public static class ProjectProgress
{
    /// <summary>invested / total in %, one decimal, rounded half away from zero; null when either is not recorded.</summary>
    public static decimal? Percent(long? investedFen, long totalFen) =>
        investedFen is { } i && totalFen > 0 ? Math.Round(i * 100m / totalFen, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>Does a percentage stated in a text disagree with the computed one (by more than its rounding)?</summary>
    public static bool Contradicts(decimal? stated, decimal? computed) => stated is { } s && computed is { } c && Math.Abs(s - c) > 0.05m;

    public sealed record MilestoneCount(int Total, int Approved, int Due, int Overdue);

    /// <summary>Milestones: all, approved, due by <paramref name="asOf"/>, and due but not approved (overdue).</summary>
    public static MilestoneCount Count(IEnumerable<(DateOnly DueOn, MilestoneState State)> milestones, DateOnly asOf)
    {
        var list = milestones.ToList();
        return new(list.Count, list.Count(m => m.State == MilestoneState.Approved), list.Count(m => m.DueOn <= asOf),
            list.Count(m => m.DueOn <= asOf && m.State != MilestoneState.Approved));
    }

    /// <summary>
    /// "完成资金投入137.8万元，完成项目总投入458万元的30.1%" (or in English); null when nothing invested is recorded.
    /// Without a planned total, only the investment is stated.
    /// </summary>
    public static string? Sentence(long? investedFen, long totalFen, bool english)
    {
        if (investedFen is not { } i) return null;
        var pct = Percent(i, totalFen);
        if (english)
            return pct is { } pe
                ? $"{Money.Short(i)} (10k CNY) invested, {pe:0.0}% of the total investment of {Money.Short(totalFen)} (10k CNY)"
                : $"{Money.Short(i)} (10k CNY) invested";
        return pct is { } p ? $"完成资金投入{Money.Short(i)}万元，完成项目总投入{Money.Short(totalFen)}万元的{p:0.0}%" : $"完成资金投入{Money.Short(i)}万元";
    }
}
