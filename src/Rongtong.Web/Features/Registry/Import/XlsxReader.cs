using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Rongtong.Web.Features.Registry.Import;

/// <summary>
/// Streams the rows of the first worksheet of an XLSX file with a forward-only XML reader (SAX style): the sheet is
/// never held in memory, each cell becomes one value. Cell values are what Excel stores: text (shared, inline or a
/// formula's result) as strings, numbers as doubles, numbers with a date format as DateTime, booleans as bools.
/// Rows are numbered as Excel shows them (their r attribute); cells are placed by their reference (B7 → index 1),
/// so skipped cells are nulls. Replaces MiniExcel's dictionary per row, which allocated ~12 KB per row.
/// </summary>
public static class XlsxReader
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static IEnumerable<SheetRow> Rows(Stream s)
    {
        using var zip = new ZipArchive(s, ZipArchiveMode.Read, leaveOpen: true);
        var sheetPath = FirstSheetPath(zip);
        var shared = SharedStrings(zip);
        var dateStyles = DateStyles(zip);
        var entry = zip.GetEntry(sheetPath) ?? throw new InvalidDataException($"worksheet {sheetPath} is missing");
        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream, Settings());
        var nt = xml.NameTable;
        string row = nt.Add("row"), c = nt.Add("c"), v = nt.Add("v"), inline = nt.Add("is"), ns = nt.Add(MainNs);
        var cells = new List<object?>(32);
        var lastRow = 0;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || !ReferenceEquals(xml.LocalName, row) || !ReferenceEquals(xml.NamespaceURI, ns)) continue;
            var number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : lastRow + 1;
            lastRow = number;
            cells.Clear();
            if (xml.IsEmptyElement)
            {
                yield return new SheetRow(number, []);
                continue;
            }
            // the reader is advanced by hand below: a Read/ReadElementContent pair must never skip a node
            var depth = xml.Depth;
            xml.Read();
            while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                if (xml.NodeType != XmlNodeType.Element || !ReferenceEquals(xml.LocalName, c))
                {
                    xml.Read();
                    continue;
                }
                var col = ColumnIndex(xml.GetAttribute("r"), cells.Count);
                var type = xml.GetAttribute("t");
                var style = int.TryParse(xml.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var st) ? st : 0;
                string? raw = null;
                if (xml.IsEmptyElement) xml.Read();
                else
                {
                    var cdepth = xml.Depth;
                    xml.Read();
                    while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == cdepth))
                    {
                        if (xml.NodeType == XmlNodeType.Element && ReferenceEquals(xml.LocalName, v)) raw = xml.ReadElementContentAsString();
                        else if (xml.NodeType == XmlNodeType.Element && ReferenceEquals(xml.LocalName, inline)) raw = RunText(xml);
                        else xml.Read();
                    }
                    xml.Read(); // </c>
                }
                while (cells.Count <= col) cells.Add(null);
                cells[col] = Value(raw, type, style, shared, dateStyles);
            }
            yield return new SheetRow(number, cells.ToArray());
        }
    }

    private static XmlReaderSettings Settings() => new()
    {
        IgnoreComments = true, IgnoreProcessingInstructions = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null,
        CloseInput = false,
    };

    private static object? Value(string? raw, string? type, int style, List<string> shared, HashSet<int> dateStyles)
    {
        if (raw is null) return null;
        switch (type)
        {
            case "s":
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : null;
            case "str" or "inlineStr" or "e":
                return Unescape(raw);
            case "b":
                return raw == "1" || string.Equals(raw, "true", StringComparison.OrdinalIgnoreCase);
            case "d":
                return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt) ? dt : raw;
        }
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return raw;
        if (dateStyles.Contains(style) && d is > -657435 and < 2958466) return DateTime.FromOADate(d);
        return d;
    }

    /// <summary>
    /// The text of a string item (&lt;si&gt; or &lt;is&gt;: one &lt;t&gt;, or rich-text runs joined; phonetic runs left
    /// out), reading through the element's end.
    /// </summary>
    private static string RunText(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return "";
        }
        var depth = xml.Depth;
        string? single = null;
        StringBuilder? sb = null;
        xml.Read();
        while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh") xml.Skip();
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
            {
                var text = xml.ReadElementContentAsString();
                if (single is null && sb is null) single = text;
                else (sb ??= new StringBuilder(single)).Append(text);
            }
            else xml.Read();
        }
        xml.Read();
        return sb?.ToString() ?? single ?? "";
    }

    /// <summary>Zero-based column of a cell reference ("AB12" → 27); the next position when the reference is missing.</summary>
    public static int ColumnIndex(string? reference, int next)
    {
        if (string.IsNullOrEmpty(reference)) return next;
        var col = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++) col = col * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        return i == 0 || col > 16384 ? next : col - 1;
    }

    /// <summary>Excel escapes characters XML cannot carry as _xHHHH_ (e.g. _x000D_ for a carriage return).</summary>
    private static string Unescape(string s)
    {
        if (!s.Contains("_x", StringComparison.Ordinal)) return s;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '_' && i + 6 < s.Length && s[i + 1] == 'x' && s[i + 6] == '_'
                && int.TryParse(s.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                sb.Append((char)code);
                i += 6;
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    /// <summary>The path of the workbook's first sheet (through workbook.xml and its relationships).</summary>
    private static string FirstSheetPath(ZipArchive zip)
    {
        const string fallback = "xl/worksheets/sheet1.xml";
        string? relId = null;
        if (zip.GetEntry("xl/workbook.xml") is { } wb)
        {
            using var s = wb.Open();
            using var xml = XmlReader.Create(s, Settings());
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet")
                {
                    relId = xml.GetAttribute("id", RelNs);
                    break;
                }
            }
        }
        if (relId is null || zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } rels) return fallback;
        using (var s = rels.Open())
        using (var xml = XmlReader.Create(s, Settings()))
        {
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Relationship" || xml.GetAttribute("Id") != relId) continue;
                var target = xml.GetAttribute("Target");
                if (string.IsNullOrEmpty(target)) return fallback;
                return target.StartsWith('/') ? target[1..] : "xl/" + target;
            }
        }
        return fallback;
    }

    /// <summary>The shared string table: each &lt;si&gt; is the text of its &lt;t&gt; elements (rich-text runs joined, phonetic runs left out).</summary>
    private static List<string> SharedStrings(ZipArchive zip)
    {
        var list = new List<string>();
        if (zip.GetEntry("xl/sharedStrings.xml") is not { } entry) return list;
        using var s = entry.Open();
        using var xml = XmlReader.Create(s, Settings());
        xml.Read();
        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si") list.Add(Unescape(RunText(xml)));
            else xml.Read();
        }
        return list;
    }

    /// <summary>Indexes of the cell formats (cellXfs) whose number format shows a date or time.</summary>
    private static HashSet<int> DateStyles(ZipArchive zip)
    {
        var result = new HashSet<int>();
        if (zip.GetEntry("xl/styles.xml") is not { } entry) return result;
        var custom = new Dictionary<int, string>();
        var xfs = new List<int>();
        using var s = entry.Open();
        using var xml = XmlReader.Create(s, Settings());
        var inCellXfs = false;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs") inCellXfs = false;
            if (xml.NodeType != XmlNodeType.Element) continue;
            switch (xml.LocalName)
            {
                case "numFmt":
                    if (int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id))
                        custom[id] = xml.GetAttribute("formatCode") ?? "";
                    break;
                case "cellXfs":
                    inCellXfs = !xml.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    xfs.Add(int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var f) ? f : 0);
                    break;
            }
        }
        for (var i = 0; i < xfs.Count; i++)
            if (IsDateFormat(xfs[i], custom.GetValueOrDefault(xfs[i]))) result.Add(i);
        return result;
    }

    /// <summary>Built-in date formats (14–22, 27–36 and 50–58 in Chinese Excel, 45–47) or a custom code with date/time letters outside quotes and brackets.</summary>
    public static bool IsDateFormat(int id, string? code)
    {
        if (id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58)) return true;
        if (string.IsNullOrEmpty(code) || id < 164) return false;
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var ch = code[i];
            if (ch == '\\') { i++; continue; }
            if (ch == '"') { quoted = !quoted; continue; }
            if (quoted) continue;
            if (ch == '[') { bracket = true; continue; }
            if (ch == ']') { bracket = false; continue; }
            if (bracket) continue;
            if (ch is 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S' or 'e' or 'E') return true;
        }
        return false;
    }
}
