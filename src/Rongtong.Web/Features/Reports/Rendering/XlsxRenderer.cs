using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Rongtong.Web.Features.Reports.Rendering;

/// <summary>
/// Writes every table of a report to its own worksheet (named after <see cref="TableBlock.SheetName"/>, sanitised and
/// unique): the caption in the first row, the header in the second (frozen), then the rows, coloured by tone and with
/// the tone's label in a status column. A cell that is a plain number is written as a number; everything else as text.
/// </summary>
public static class XlsxRenderer
{
    // cell formats (indexes into cellXfs below), shared with other workbooks (e.g. the fund ledger export)
    internal const uint Text = 0, Caption = 1, Header = 2, Good = 3, Neutral = 4, Bad = 5;
    /// <summary>万元 with two to six decimals (exact to 1 分); a date; the same amount in bold (a total).</summary>
    internal const uint Amount = 6, Date = 7, TotalAmount = 8, TotalText = 9;

    public static byte[] Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var ms = new MemoryStream();
        using (var xlsx = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = xlsx.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = BuildStylesheet();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint sheetId = 1;
            foreach (var table in document.Sections.SelectMany(s => s.Blocks).OfType<TableBlock>())
            {
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                sheetPart.Worksheet = BuildSheet(ReportText.ForPrint(table, document.Language));
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = sheetId, Name = UniqueSheetName(table.SheetName, names, sheetId) });
                sheetId++;
            }
            if (sheetId == 1)
            {
                // a workbook needs one sheet: an empty one saying there are no tables
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                sheetPart.Worksheet = new Worksheet(new SheetData(new Row(InlineText("A1", document.Title, Caption)) { RowIndex = 1 }));
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "Report" });
            }
            xlsx.PackageProperties.Title = document.Title;
        }
        return ms.ToArray();
    }

    /// <summary>
    /// A legal worksheet name: without <c>: \ / ? * [ ]</c>, not starting or ending with an apostrophe, at most 31
    /// characters, and unique in the workbook (case-insensitively) by a " (2)" suffix.
    /// </summary>
    public static string UniqueSheetName(string wanted, ISet<string> taken, uint fallbackNumber)
    {
        var clean = new string((wanted ?? "").Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' || char.IsControl(c) ? '_' : c).ToArray()).Trim().Trim('\'');
        if (clean.Length == 0) clean = $"Sheet{fallbackNumber}";
        var name = Cut(clean, 31);
        for (var i = 2; !taken.Add(name); i++)
        {
            var suffix = $" ({i})";
            name = Cut(clean, 31 - suffix.Length) + suffix;
        }
        return name;
    }

    private static string Cut(string s, int max)
    {
        if (s.Length <= max) return s;
        var cut = s[..max];
        return char.IsHighSurrogate(cut[^1]) ? cut[..^1] : cut;
    }

    private static Worksheet BuildSheet(PrintedTable table)
    {
        var widths = new double[table.Columns.Count];
        void Fit(int i, string text) => widths[i] = Math.Max(widths[i], Math.Min(60, ReportText.EmWidth(text) * 2 + 2));
        var data = new SheetData();
        data.Append(new Row(InlineText("A1", table.Caption, Caption)) { RowIndex = 1 });
        var header = new Row { RowIndex = 2 };
        for (var c = 0; c < table.Columns.Count; c++)
        {
            header.Append(InlineText(Ref(c, 2), table.Columns[c], Header));
            Fit(c, table.Columns[c]);
        }
        data.Append(header);
        uint r = 3;
        foreach (var row in table.Rows)
        {
            var style = row.Tone switch { RowTone.Good => Good, RowTone.Neutral => Neutral, RowTone.Bad => Bad, _ => Text };
            var xr = new Row { RowIndex = r };
            for (var c = 0; c < row.Cells.Count; c++)
            {
                var text = row.Cells[c];
                xr.Append(ReportText.TryParseNumber(text, out var number)
                    ? new Cell { CellReference = Ref(c, r), CellValue = new CellValue(number), StyleIndex = style }
                    : InlineText(Ref(c, r), text, style));
                Fit(c, text);
            }
            data.Append(xr);
            r++;
        }
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Max(w, 6), CustomWidth = true }));
        var view = new SheetViews(new SheetView(new Pane { VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 });
        return new Worksheet(view, columns, data);
    }

    internal static Cell InlineText(string reference, string text, uint style) =>
        new(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text ?? "") { Space = SpaceProcessingModeValues.Preserve }))
        { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style };

    internal static string Ref(int column, uint row)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name + row;
    }

    internal static Stylesheet BuildStylesheet()
    {
        Fill Solid(string argb) => new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });
        Border Thin() => new(
            new LeftBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        CellFormat Format(uint font, uint fill, uint border, uint numberFormat = 0) =>
            new() { FontId = font, FillId = fill, BorderId = border, NumberFormatId = numberFormat, ApplyFont = font != 0, ApplyFill = fill != 0, ApplyBorder = border != 0, ApplyNumberFormat = numberFormat != 0 };
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.00####" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd" })
            { Count = 2 },
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 }),
                new Font(new Bold(), new FontSize { Val = 13 }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 }))
            { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFEEF1F5"), Solid("FFE8F5E9"), Solid("FFF5F5F5"), Solid("FFFDECEA"))
            { Count = 6 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()) { Count = 2 },
            new CellFormats(
                Format(0, 0, 1),   // Text
                Format(1, 0, 0),   // Caption
                Format(2, 2, 1),   // Header
                Format(0, 3, 1),   // Good
                Format(0, 4, 1),   // Neutral
                Format(0, 5, 1),   // Bad
                Format(0, 0, 1, 164),   // Amount
                Format(0, 0, 1, 165),   // Date
                Format(2, 0, 1, 164),   // TotalAmount
                Format(2, 0, 1))        // TotalText
            { Count = 10 });
    }
}
