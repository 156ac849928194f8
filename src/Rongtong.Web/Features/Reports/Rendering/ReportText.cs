using System.Globalization;

namespace Rongtong.Web.Features.Reports.Rendering;

/// <summary>
/// The wording every format shares: section numbering ("一、…"), page labels, row-tone labels and the printed form
/// of a table. Renderers take their words from here so that the DOCX, PDF, HTML and XLSX of one report say the same.
/// </summary>
public static class ReportText
{
    /// <summary>"三、绩效目标完成情况" (Chinese numbers) or "3. Performance" (ASCII numbers); the heading alone without a number.</summary>
    public static string SectionTitle(ReportSection section)
    {
        if (string.IsNullOrWhiteSpace(section.Number)) return section.Heading;
        return section.Number.All(char.IsAscii) ? $"{section.Number}. {section.Heading}" : $"{section.Number}、{section.Heading}";
    }

    public static bool IsChinese(string language) => language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>"第 1 页 / 共 9 页" or "Page 1 of 9".</summary>
    public static string PageLabel(int page, int pages, string language) =>
        IsChinese(language) ? $"第 {page} 页 / 共 {pages} 页" : $"Page {page} of {pages}";

    /// <summary>The heading of the status column that carries row tones in print.</summary>
    public static string ToneColumn(string language) => IsChinese(language) ? "状态" : "Status";

    /// <summary>The plain label of a row tone, so that colour is never the only signal.</summary>
    public static string ToneLabel(RowTone tone, string language) => (tone, IsChinese(language)) switch
    {
        (RowTone.Good, true) => "达标",
        // no target or no actual: nothing to compare (it is not "持平", level with anything)
        (RowTone.Neutral, true) => "未评价",
        (RowTone.Bad, true) => "未达标",
        (RowTone.Good, false) => "met",
        (RowTone.Neutral, false) => "not rated",
        (RowTone.Bad, false) => "not met",
        _ => "",
    };

    /// <summary>
    /// The table as printed: when any row has a tone, a status column with the tone's label is appended (print has no
    /// colour to rely on; HTML and XLSX colour the row as well).
    /// </summary>
    public static PrintedTable ForPrint(TableBlock table, string language)
    {
        var toned = table.Rows.Any(r => r.Tone != RowTone.None);
        var width = table.Columns.Count;
        var columns = toned ? [.. table.Columns, ToneColumn(language)] : table.Columns.ToArray();
        var rows = table.Rows.Select(r =>
        {
            var cells = new string[columns.Length];
            for (var i = 0; i < width; i++) cells[i] = i < r.Cells.Count ? r.Cells[i] ?? "" : "";
            if (toned) cells[width] = ToneLabel(r.Tone, language);
            return new PrintedRow(cells, r.Tone);
        }).ToArray();
        return new PrintedTable(table.Caption, columns, rows, table.NumericColumns, toned ? width : -1);
    }

    /// <summary>
    /// True when a formatted cell is a plain number ("1,234.5", "-3", "0.42"): written as a number in XLSX.
    /// Percentages, units and codes with leading zeros ("007") stay text.
    /// </summary>
    public static bool TryParseNumber(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var digits = s.TrimStart('-', '+');
        if (digits.Length > 1 && digits[0] == '0' && digits[1] != '.') return false;
        if (!s.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or '-' or '+')) return false;
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Approximate printed width in ems: CJK and full-width characters 1, others about half.</summary>
    public static double EmWidth(string text)
    {
        double w = 0;
        foreach (var r in text.EnumerateRunes()) w += IsWide(r.Value) ? 1.0 : 0.55;
        return w;
    }

    /// <summary>CJK ideographs, kana, hangul and full-width forms: each is one em wide and a line may break around it.</summary>
    public static bool IsWide(int cp) =>
        cp is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFD
            or 0x2014 or 0x2026 or 0x201C or 0x201D or 0x2018 or 0x2019;
}

/// <summary>A table as printed: columns and cells including the status column (<paramref name="ToneColumn"/>, -1 when none) when rows carry tones.</summary>
public sealed record PrintedTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<PrintedRow> Rows, IReadOnlySet<int> NumericColumns, int ToneColumn)
{
    /// <summary>Numbers and status labels are never wrapped inside a cell.</summary>
    public bool Unbreakable(int column) => NumericColumns.Contains(column) || column == ToneColumn;
}

public sealed record PrintedRow(IReadOnlyList<string> Cells, RowTone Tone);

/// <summary>Column widths from content, the way browsers size auto tables.</summary>
public static class ColumnWidths
{
    /// <summary>
    /// Shares <paramref name="available"/> between columns. <paramref name="natural"/> is each column's width without
    /// wrapping, <paramref name="minimum"/> the narrowest it can be (its widest unbreakable word). When everything
    /// fits, the spare width is shared in proportion to natural width; otherwise every column gets its minimum and
    /// the rest is shared in proportion to how much each column would still like.
    /// </summary>
    public static double[] Distribute(IReadOnlyList<double> natural, IReadOnlyList<double> minimum, double available)
    {
        var n = natural.Count;
        var min = new double[n];
        var nat = new double[n];
        for (var i = 0; i < n; i++)
        {
            nat[i] = Math.Max(natural[i], 1);
            min[i] = Math.Min(Math.Max(minimum[i], 1), nat[i]);
        }
        var sumNat = nat.Sum();
        if (sumNat <= available) return nat.Select(w => w * available / sumNat).ToArray();
        var sumMin = min.Sum();
        if (sumMin >= available) return min.Select(w => w * available / sumMin).ToArray();
        var spare = available - sumMin;
        var want = nat.Select((w, i) => w - min[i]).ToArray();
        var sumWant = want.Sum();
        return min.Select((w, i) => w + spare * want[i] / sumWant).ToArray();
    }
}
