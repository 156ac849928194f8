using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiniExcelLibs;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Registry.Import;

/// <summary>
/// What happened to one row. Errors and warnings are <see cref="FieldError"/>s whose Field is the column as the user
/// wrote it. Row 1 carries header findings (missing, unknown or duplicate columns); row 0 the file as a whole.
/// </summary>
public sealed record ImportRowResult(int Row, string? CreditCode, SizeClass? SizeClass, IReadOnlyList<FieldError> Errors, IReadOnlyList<FieldError> Warnings)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>What was (or, in a dry run, would be) written.</summary>
public sealed record ImportTotals(int Rows, int EnterprisesCreated, int EnterprisesUpdated, int EnterprisesUnchanged, int YearsCreated, int YearsUpdated, int YearsUnchanged)
{
    [JsonIgnore]
    public bool ChangesAnything => EnterprisesCreated + EnterprisesUpdated + YearsCreated + YearsUpdated > 0;
}

/// <summary>The outcome of an import: all rows valid and written (or checked, in a dry run), or nothing written.</summary>
/// <param name="Totals">Null when the file has errors.</param>
public sealed record ImportResult(string FileName, bool DryRun, IReadOnlyList<ImportRowResult> Rows, ImportTotals? Totals)
{
    public bool Ok => Rows.All(r => r.Ok);

    public int ErrorCount => Rows.Sum(r => r.Errors.Count);

    public IEnumerable<ImportIssue> Issues => Rows.SelectMany(r =>
        r.Errors.Select(e => new ImportIssue(r.Row, e.Field, e.Rule, e.MessageZh, e.MessageEn, false))
            .Concat(r.Warnings.Select(w => new ImportIssue(r.Row, w.Field, w.Rule, w.MessageZh, w.MessageEn, true))));

    /// <summary>The JSON shape shared by the CLI (<c>--format json</c>) and the API.</summary>
    public object ToJson() => new
    {
        ok = Ok,
        dryRun = DryRun,
        file = FileName,
        totals = Totals,
        rows = Rows.Select(r => new
        {
            row = r.Row,
            creditCode = r.CreditCode,
            ok = r.Ok,
            sizeClass = r.SizeClass is { } s ? SizeClassifier.Code(s) : null,
            errors = r.Errors.Select(Issue),
            warnings = r.Warnings.Select(Issue),
        }),
    };

    private static object Issue(FieldError e) => new { column = e.Field, rule = e.Rule, message = e.Message, messageZh = e.MessageZh, messageEn = e.MessageEn };

    /// <summary>Options for writing <see cref="ToJson"/> outside ASP.NET (CJK unescaped, camelCase).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>One line of the error report.</summary>
public sealed record ImportIssue(int Row, string Column, string Rule, string MessageZh, string MessageEn, bool IsWarning)
{
    public string Message => Loc.IsEnglish ? MessageEn : MessageZh;
}

/// <summary>
/// The downloadable error report (XLSX or CSV). The page renders it from the result it posts back (packed by
/// <see cref="Pack"/>), so that no web node has to keep an upload or a result in memory or on disk.
/// </summary>
public static class ImportReport
{
    /// <summary>The data protection purpose of a packed report.</summary>
    public const string Purpose = "Rongtong.Import.Report";

    public static void Write(Stream output, SheetFormat format, IEnumerable<ImportIssue> issues)
    {
        string[] headers = [Loc.T("行号", "Row"), Loc.T("列", "Column"), Loc.T("级别", "Level"), Loc.T("规则", "Rule"), Loc.T("说明", "Message")];
        IEnumerable<object?[]> Lines() => issues.Select(i => new object?[]
            { i.Row, i.Column, i.IsWarning ? Loc.T("警告", "warning") : Loc.T("错误", "error"), i.Rule, i.Message });
        SheetWriter.Write(output, format, headers, Lines());
    }

    /// <summary>
    /// The issues, compressed, signed and encrypted by <paramref name="protector"/> (the app's data protection keys)
    /// and base64url-encoded, to travel in a hidden form field. Signed, so that the page renders only a report it made:
    /// a crafted field (say, a few KB that inflate to gigabytes) is refused before it is decompressed.
    /// </summary>
    public static string Pack(IEnumerable<ImportIssue> issues, IDataProtector protector)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
            JsonSerializer.Serialize(gz, issues.Select(i => new object[] { i.Row, i.Column, i.Rule, i.MessageZh, i.MessageEn, i.IsWarning }));
        return WebEncoders.Base64UrlEncode(protector.Protect(ms.ToArray()));
    }

    /// <summary>Reverses <see cref="Pack"/>; null when the text is not a report packed by this app.</summary>
    public static List<ImportIssue>? Unpack(string packed, IDataProtector protector)
    {
        try
        {
            using var gz = new GZipStream(new MemoryStream(protector.Unprotect(WebEncoders.Base64UrlDecode(packed))), CompressionMode.Decompress);
            var rows = JsonSerializer.Deserialize<JsonElement[][]>(gz) ?? [];
            return rows.Select(r => new ImportIssue(r[0].GetInt32(), r[1].GetString()!, r[2].GetString()!, r[3].GetString()!, r[4].GetString()!, r[5].GetBoolean())).ToList();
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException or JsonException or InvalidDataException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>
/// Writes a header and rows as XLSX (numbers stay numbers; text is never a formula) or as CSV (UTF-8 with a BOM, so
/// Excel reads the Chinese; text that Excel would run as a formula is defused, see <see cref="ImportCells.Defuse"/>).
/// </summary>
public static class SheetWriter
{
    public static void Write(Stream output, SheetFormat format, IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        if (format == SheetFormat.Xlsx)
        {
            // MiniExcel takes the column order from the first row's keys
            output.SaveAs(rows.Select(r =>
            {
                var d = new Dictionary<string, object?>(headers.Count);
                for (var i = 0; i < headers.Count; i++) d[headers[i]] = r[i];
                return d;
            }), excelType: ExcelType.XLSX);
            return;
        }
        using var w = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        Csv.WriteRecord(w, headers);
        foreach (var r in rows) Csv.WriteRecord(w, r.Select(Format));
    }

    private static string Format(object? v) => v switch
    {
        decimal m => m.ToString("0.######", CultureInfo.InvariantCulture),
        string s => ImportCells.Defuse(s.Trim()),
        _ => ImportCells.Text(v),
    };

    public static string ContentType(SheetFormat f) =>
        f == SheetFormat.Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";

    public static string Extension(SheetFormat f) => f == SheetFormat.Xlsx ? ".xlsx" : ".csv";

    /// <summary>"xlsx" | "csv" (default xlsx).</summary>
    public static SheetFormat Parse(string? format) =>
        string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) ? SheetFormat.Csv : SheetFormat.Xlsx;
}
