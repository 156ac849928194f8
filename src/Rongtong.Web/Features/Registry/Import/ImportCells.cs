using System.Globalization;
using System.Text;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Registry.Import;

/// <summary>
/// Turns cells (strings from CSV; strings, doubles or dates from XLSX) into typed values, or into an error naming
/// the column as the user wrote it. An empty cell is null: "not given".
/// </summary>
public static class ImportCells
{
    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"];

    /// <summary>Parses a cell by its column's kind; returns null (and adds an error when the cell was not empty) on failure.</summary>
    public static object? Parse(object? cell, ImportColumn col, string header, Errors errors)
    {
        if (cell is null || (cell is string e && string.IsNullOrWhiteSpace(e))) return null;
        switch (col.Kind)
        {
            case CellKind.Text:
                // a code typed as a number lost its leading zero (0111 稻谷种植 is stored as 111, which is another code)
                if (cell is double && col.Field == ImportField.IndustryCode && Text(cell) is var number && IndustryCodes.Find("0" + number) is not null)
                {
                    errors.Add(header, "leading-zero", $"“{header}”是数字 {number}，可能丢失了开头的 0（如 0{number}）：请把该列设为文本后重新填写",
                        $"'{header}' is the number {number} and may have lost a leading zero (e.g. 0{number}): format the column as text and enter the code again");
                    return null;
                }
                return Restore(Text(cell));
            case CellKind.Code:
                return CreditCode.Normalize(Text(cell));
            case CellKind.Integer:
            {
                var d = Number(cell, header, errors);
                if (d is null) return null;
                if (d != decimal.Truncate(d.Value) || d < int.MinValue || d > int.MaxValue)
                {
                    errors.Add(header, "integer", $"“{header}”应为整数，实为“{Text(cell)}”", $"'{header}' must be a whole number, not '{Text(cell)}'");
                    return null;
                }
                return (int)d.Value;
            }
            case CellKind.Amount:
                // stored in millionths (ScaledDecimal): round here so that a re-import compares equal
                return Number(cell, header, errors) is { } a ? decimal.Round(a, 6, MidpointRounding.AwayFromZero) : null;
            case CellKind.Boolean:
                if (Bool(Text(cell)) is { } b) return b;
                errors.Add(header, "boolean", $"“{header}”应填“是”或“否”，实为“{Text(cell)}”", $"'{header}' must be yes or no (是/否), not '{Text(cell)}'");
                return null;
            case CellKind.Date:
                if (Date(cell) is { } date) return date;
                errors.Add(header, "date", $"“{header}”应为日期（如2021-03-01），实为“{Text(cell)}”", $"'{header}' must be a date (e.g. 2021-03-01), not '{Text(cell)}'");
                return null;
            case CellKind.ChainRole:
                return Choice<ChainRole>(cell, header, errors);
            case CellKind.Incubation:
                return Choice<IncubationStatus>(cell, header, errors);
            default:
                return Choice<ListingStatus>(cell, header, errors);
        }
    }

    /// <summary>
    /// Text that Excel or WPS would run as a formula when it opens a CSV (=, +, -, @ first, or a tab or carriage
    /// return) gets an apostrophe in front, which makes it text (CSV injection); the import takes the apostrophe off
    /// again (<see cref="Restore"/>), so that an exported file imports unchanged.
    /// </summary>
    public static string Defuse(string text) => text.Length > 0 && FormulaStart(text[0]) ? "'" + text : text;

    public static string Restore(string text) => text.Length > 1 && text[0] == '\'' && FormulaStart(text[1]) ? text[1..] : text;

    private static bool FormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>A cell as trimmed text; numbers in the invariant culture, dates as yyyy-MM-dd.</summary>
    public static string Text(object? cell) => cell switch
    {
        null => "",
        string s => s.Trim(),
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString()?.Trim() ?? "",
    };

    /// <summary>A number: XLSX numbers as they are; text with full-width digits, thousands separators and spaces accepted.</summary>
    public static decimal? Number(object? cell, string header, Errors errors)
    {
        switch (cell)
        {
            case double d when double.IsFinite(d) && Math.Abs(d) < 7.9e27:
                return (decimal)d;
            case decimal m:
                return m;
            case int i:
                return i;
            case long l:
                return l;
        }
        var text = Text(cell);
        if (TryNumber(text, out var v)) return v;
        errors.Add(header, "number", $"“{header}”应为数字，实为“{text}”", $"'{header}' must be a number, not '{text}'");
        return null;
    }

    public static bool TryNumber(string text, out decimal value)
    {
        const NumberStyles styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out value)) return true;
        var sb = new StringBuilder(text.Length);
        foreach (var c0 in Fold(text))
        {
            var c = c0;
            if (c is ',' or '\'' || char.IsWhiteSpace(c)) continue; // thousands separators
            if (c == '。') c = '.';
            if (c == '\u2212') c = '-';
            sb.Append(c);
        }
        return decimal.TryParse(sb.ToString(), styles, CultureInfo.InvariantCulture, out value);
    }

    public static bool? Bool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "是" or "区内" or "开发区内" or "y" or "yes" or "true" or "1" or "√" or "✓" => true,
        "否" or "区外" or "开发区外" or "n" or "no" or "false" or "0" or "×" or "✗" => false,
        _ => null,
    };

    public static DateOnly? Date(object? cell)
    {
        switch (cell)
        {
            case DateTime t:
                return DateOnly.FromDateTime(t);
            case double d when d is > 0 and < 2958466: // an Excel serial date without a date format
                return DateOnly.FromDateTime(DateTime.FromOADate(d));
        }
        return DateTime.TryParseExact(Fold(Text(cell)), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt)
            ? DateOnly.FromDateTime(dt)
            : null;
    }

    /// <summary>Full-width ASCII (０-９, Ａ-Ｚ, （）…) → half-width.</summary>
    public static string Fold(string text) => string.Create(text.Length, text, static (dst, src) =>
    {
        for (var i = 0; i < src.Length; i++)
        {
            var c = src[i];
            dst[i] = c >= '\uFF01' && c <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c;
        }
    });

    private static T? Choice<T>(object cell, string header, Errors errors) where T : struct, Enum
    {
        var text = Text(cell);
        if (ChoiceLabels<T>.Map.TryGetValue(text, out var v)) return v;
        var allowed = string.Join("/", ChoiceLabels<T>.Chinese.Values);
        errors.Add(header, "choice", $"“{header}”应为{allowed}之一，实为“{text}”", $"'{header}' must be one of {allowed}, not '{text}'");
        return null;
    }

    /// <summary>The Chinese label of a choice, as the template and the export write it.</summary>
    public static string Label<T>(T value) where T : struct, Enum => ChoiceLabels<T>.Chinese[value];

    /// <summary>Chinese and English labels and enum names of a choice, computed once (Labels.TryParse switches cultures per call).</summary>
    private static class ChoiceLabels<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Chinese = Enum.GetValues<T>().ToDictionary(v => v, v => LabelIn(Loc.Chinese, v));

        public static readonly Dictionary<string, T> Map = Build();

        private static Dictionary<string, T> Build()
        {
            var map = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
            foreach (var v in Enum.GetValues<T>())
            {
                map.TryAdd(v.ToString(), v);
                map.TryAdd(LabelIn(Loc.Chinese, v), v);
                map.TryAdd(LabelIn(Loc.English, v), v);
            }
            return map;
        }

        private static string LabelIn(string culture, T v)
        {
            var old = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            try
            {
                return v switch
                {
                    ChainRole r => Labels.Of(r),
                    IncubationStatus s => Labels.Of(s),
                    ListingStatus l => Labels.Of(l),
                    _ => v.ToString(),
                };
            }
            finally
            {
                CultureInfo.CurrentUICulture = old;
            }
        }
    }
}
