using System.Buffers;
using System.Text;

namespace Rongtong.Web.Features.Registry.Import;

public enum SheetFormat { Csv, Xlsx }

/// <summary>One row of a sheet: its number as Excel shows it (the first row is 1) and its cells, left to right.</summary>
public sealed record SheetRow(int Number, object?[] Cells)
{
    public bool IsBlank => Cells.All(c => c is null || (c is string s && string.IsNullOrWhiteSpace(s)));
}

/// <summary>Reads the rows of a CSV or XLSX file as a stream (the file is never loaded whole).</summary>
public static class SheetReader
{
    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030, the superset of GBK that Chinese Excel writes for "CSV (逗号分隔)".</summary>
    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    public static SheetFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => SheetFormat.Csv,
        ".xlsx" => SheetFormat.Xlsx,
        _ => null,
    };

    /// <summary>
    /// Checks that the content is what the extension says: an XLSX file is a zip archive, a CSV file is text
    /// (no NUL bytes near the start). Leaves the stream where it was.
    /// </summary>
    public static bool LooksLike(Stream s, SheetFormat format)
    {
        var start = s.Position;
        var head = new byte[4096];
        var n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        s.Position = start;
        return format == SheetFormat.Xlsx
            ? n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4
            : Array.IndexOf(head, (byte)0, 0, n) < 0;
    }

    /// <summary>The rows of the file; the stream must be seekable (the text encoding is detected in a first pass).</summary>
    public static IEnumerable<SheetRow> Rows(Stream s, SheetFormat format) => format == SheetFormat.Csv ? CsvRows(s) : XlsxRows(s);

    private static IEnumerable<SheetRow> CsvRows(Stream s)
    {
        using var reader = OpenText(s);
        var n = 0;
        foreach (var record in Csv.Records(reader))
            yield return new SheetRow(++n, record);
    }

    private static IEnumerable<SheetRow> XlsxRows(Stream s) => XlsxReader.Rows(s);

    /// <summary>
    /// A reader over CSV bytes: UTF-8 with or without a byte-order mark when the bytes are valid UTF-8, otherwise
    /// GB18030 (GBK). Valid UTF-8 is checked strictly over the whole stream first; Chinese text in GBK is practically
    /// never valid UTF-8.
    /// </summary>
    public static TextReader OpenText(Stream s)
    {
        var start = s.Position;
        var utf8 = IsValidUtf8(s);
        s.Position = start;
        return new StreamReader(s, utf8 ? new UTF8Encoding(false) : Gb18030, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
    }

    private static bool IsValidUtf8(Stream s)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[bytes.Length + 4];
        try
        {
            int n;
            while ((n = s.Read(bytes, 0, bytes.Length)) > 0) decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

/// <summary>
/// A small RFC 4180 reader: comma-separated fields, double quotes around fields that contain commas, quotes or line
/// breaks, "" for a quote inside quotes; CRLF, LF or CR end a record. Lenient where Excel is: a stray quote inside an
/// unquoted field is kept as a character. A blank line is a record with one empty field (Excel shows it as a row).
/// </summary>
public static class Csv
{
    public static IEnumerable<string[]> Records(TextReader reader, char delimiter = ',')
    {
        var buf = new char[1 << 16];
        int len = 0, pos = 0;
        var field = new StringBuilder();
        var fields = new List<string>();
        bool inQuotes = false, quoted = false, any = false;
        var stops = SearchValues.Create([delimiter, '"', '\r', '\n']);

        bool Fill()
        {
            len = reader.Read(buf, 0, buf.Length);
            pos = 0;
            return len > 0;
        }

        int Peek() => pos < len || Fill() ? buf[pos] : -1;

        // the field's text: straight from the buffer when nothing was collected before it
        string Take(ReadOnlySpan<char> rest)
        {
            if (field.Length == 0) return new string(rest);
            field.Append(rest);
            var v = field.ToString();
            field.Clear();
            return v;
        }

        string[] EndRecord(string last)
        {
            fields.Add(last);
            var r = fields.ToArray();
            fields.Clear();
            quoted = false;
            any = false;
            return r;
        }

        while (true)
        {
            if (pos == len && !Fill())
            {
                if (any || fields.Count > 0 || field.Length > 0) yield return EndRecord(Take([]));
                yield break;
            }
            any = true;
            var span = buf.AsSpan(pos, len - pos);
            if (inQuotes)
            {
                var q = span.IndexOf('"');
                if (q < 0)
                {
                    field.Append(span);
                    pos = len;
                    continue;
                }
                field.Append(span[..q]);
                pos += q + 1;
                if (Peek() == '"') { pos++; field.Append('"'); }
                else inQuotes = false;
                continue;
            }
            var k = span.IndexOfAny(stops);
            if (k < 0)
            {
                field.Append(span);
                pos = len;
                continue;
            }
            var c = span[k];
            if (c == '"')
            {
                if (k == 0 && field.Length == 0 && !quoted)
                {
                    inQuotes = true;
                    quoted = true;
                }
                else field.Append(span[..(k + 1)]); // a stray quote inside an unquoted field is a character
                pos += k + 1;
                continue;
            }
            var value = Take(span[..k]);
            pos += k + 1;
            if (c == delimiter)
            {
                fields.Add(value);
                quoted = false;
                continue;
            }
            if (c == '\r' && Peek() == '\n') pos++;
            yield return EndRecord(value);
        }
    }

    /// <summary>Quotes a field when it needs it.</summary>
    public static string Escape(string? v)
    {
        if (string.IsNullOrEmpty(v)) return "";
        return v.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(v[0]) || char.IsWhiteSpace(v[^1])
            ? "\"" + v.Replace("\"", "\"\"") + "\""
            : v;
    }

    /// <summary>Writes one record (fields escaped, CRLF line end as Excel writes).</summary>
    public static void WriteRecord(TextWriter w, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first) w.Write(',');
            w.Write(Escape(f));
            first = false;
        }
        w.Write("\r\n");
    }
}
