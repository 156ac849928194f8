using System.Globalization;

namespace Rongtong.Web.Features.Performance.Evaluation;

/// <summary>完成情况 of one indicator in one period.</summary>
public enum EvalStatus { Exceeded = 1, Met = 2, Missed = 3, NoTarget = 4, NoActual = 5 }

/// <summary>
/// The evaluation of one indicator: status, gap (target − actual for 正向, actual − target for 反向: positive means short),
/// achievement in % (actual/target for 正向, target/actual for 反向), change on the previous period's actual, growth in %,
/// and the score when a weight is configured.
/// </summary>
public sealed record Evaluation(EvalStatus Status, decimal? Gap, decimal? Achievement, decimal? Change, decimal? Growth, decimal? Score);

/// <summary>The evaluation rules of RULES.md §5 (defaults of 财预〔2020〕10号 for grades).</summary>
public static class Evaluator
{
    public static Evaluation Evaluate(Direction direction, decimal? target, decimal? actual, decimal? previous, decimal? weight)
    {
        var change = actual is { } a0 && previous is { } p0 ? a0 - p0 : (decimal?)null;
        var growth = actual is { } a1 && previous is { } p1 && p1 != 0 ? Math.Round((a1 - p1) * 100m / Math.Abs(p1), 4) : (decimal?)null;
        // an indicator with a target applies: nothing reported against it scores nothing (it is not dropped, which
        // would let missing figures raise the total)
        if (actual is not { } a) return new(EvalStatus.NoActual, null, null, change, growth, target is not null && weight is { } w0 ? 0m : null);
        if (target is not { } t) return new(EvalStatus.NoTarget, null, null, change, growth, null);
        var positive = direction == Direction.Positive;
        var status = a == t ? EvalStatus.Met : (a > t) == positive ? EvalStatus.Exceeded : EvalStatus.Missed;
        var gap = positive ? t - a : a - t;
        decimal? achievement = positive
            ? (t == 0 ? null : Math.Round(a * 100m / t, 4))
            : (a == 0 ? null : Math.Round(t * 100m / a, 4));
        // met or exceeded counts as fully achieved even where the ratio is undefined (a target of zero)
        var ratio = status is EvalStatus.Met or EvalStatus.Exceeded ? 1m : Math.Max(0m, Math.Min(1m, (achievement ?? 0m) / 100m));
        decimal? score = weight is { } w ? w * ratio : null; // not rounded: the total is cut once, at the end
        return new(status, gap, achievement, change, growth, score);
    }

    /// <summary>
    /// Total score over the weighted indicators that apply (have a target), rescaled to 100; null when none apply.
    /// Cut (not rounded) to two places, so that 89.995 is not printed as 90.00 and graded 优.
    /// </summary>
    public static decimal? Total(IEnumerable<(decimal? Weight, Evaluation Eval)> rows)
    {
        var applicable = rows.Where(r => r.Weight is > 0 && r.Eval.Score is not null).ToList();
        var weights = applicable.Sum(r => r.Weight!.Value);
        return weights == 0 ? null : Math.Round(applicable.Sum(r => r.Eval.Score!.Value) * 100m / weights, 2, MidpointRounding.ToZero);
    }

    /// <summary>优 ≥ 90, 良 80–90, 中 60–80, 差 &lt; 60.</summary>
    public static string Grade(decimal total) => total >= 90 ? "优" : total >= 80 ? "良" : total >= 60 ? "中" : "差";

    public static string GradeEn(decimal total) => total >= 90 ? "excellent" : total >= 80 ? "good" : total >= 60 ? "fair" : "poor";

    /// <summary>The status as the CLI and JSON write it.</summary>
    public static string Code(EvalStatus s) => s switch
    {
        EvalStatus.Exceeded => "exceeded",
        EvalStatus.Met => "met",
        EvalStatus.Missed => "missed",
        EvalStatus.NoTarget => "no_target",
        _ => "no_actual",
    };

    /// <summary>
    /// A number as the report prints it: rounded to <paramref name="decimals"/> places (the indicator's), no trailing
    /// zeros; <paramref name="grouped"/> adds thousands separators, for tables read on screen.
    /// </summary>
    public static string Format(decimal v, int decimals = 4, bool grouped = false)
    {
        var r = Math.Round(v, Math.Max(0, Math.Min(decimals, 6)), MidpointRounding.AwayFromZero);
        return r.ToString(grouped ? "#,0.######" : "0.######", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Growth wording, computed: 183 on 102 is "增长79.4%"; 90 on 100 is "下降10%"; equal is "持平".
    /// </summary>
    public static string GrowthZh(decimal current, decimal previous)
    {
        if (previous == 0) return current == 0 ? "持平" : "由零增加";
        var g = Math.Round((current - previous) * 100m / Math.Abs(previous), 1, MidpointRounding.AwayFromZero);
        return g > 0 ? $"增长{Format(g, 1)}%" : g < 0 ? $"下降{Format(-g, 1)}%" : "持平";
    }

    public static string GrowthEn(decimal current, decimal previous)
    {
        if (previous == 0) return current == 0 ? "unchanged" : "up from zero";
        var g = Math.Round((current - previous) * 100m / Math.Abs(previous), 1, MidpointRounding.AwayFromZero);
        return g > 0 ? $"up {Format(g, 1)}%" : g < 0 ? $"down {Format(-g, 1)}%" : "unchanged";
    }
}
