using System.Globalization;
using System.Text;

namespace Rongtong.Web.Features.Performance.Evaluation;

/// <summary>
/// The stable machine-readable form of an evaluation (CLI <c>evaluate</c>, API): name and dimension in Chinese as the
/// official form writes them, numbers in the indicator's own unit, achievement in %, absent values as null.
/// </summary>
public sealed record EvaluationItem(
    string Code, string Dimension, string Name, string NameEn, string Unit, string Direction,
    decimal? Baseline, decimal? Target, decimal? Actual, string Status, decimal? Gap, decimal? Achievement, decimal? Change, decimal? Score)
{
    public static EvaluationItem From(IndicatorRow r) => new(
        r.Indicator.Code, r.Indicator.DimensionZh, r.Indicator.NameZh, r.Indicator.NameEn, r.Indicator.Unit,
        r.Indicator.Direction == Performance.Direction.Positive ? "positive" : "negative",
        N(r.Baseline.Value), N(r.Target.Value), N(r.Actual.Value), Evaluator.Code(r.Eval.Status), N(r.Eval.Gap),
        r.Eval.Achievement is { } a ? Math.Round(a, 1) : null, N(r.Eval.Change), r.Eval.Score is { } s ? Math.Round(s, 2) : null);

    // values are exact; trailing zeros of the scaled storage are dropped so that 0.86 prints as 0.86
    private static decimal? N(decimal? v) => v is { } x ? x / 1.000000000000000000000000000000000m : null;

    public static readonly string[] CsvHeader = ["code", "dimension", "name", "nameEn", "unit", "direction", "baseline", "target", "actual", "status", "gap", "achievement", "change", "score"];

    public static string ToCsv(IEnumerable<EvaluationItem> items)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', CsvHeader));
        foreach (var i in items)
            sb.AppendLine(string.Join(',', new[] { i.Code, i.Dimension, i.Name, i.NameEn, i.Unit, i.Direction, S(i.Baseline), S(i.Target), S(i.Actual), i.Status, S(i.Gap), S(i.Achievement), S(i.Change), S(i.Score) }.Select(Csv)));
        return sb.ToString();
    }

    private static string S(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
