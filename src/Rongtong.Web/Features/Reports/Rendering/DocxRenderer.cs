using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using WParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using WTableRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace Rongtong.Web.Features.Reports.Rendering;

/// <summary>
/// Renders a report as a Word document: A4, the title and subtitle, sections and sub-headings as the built-in
/// "heading 1"/"heading 2" styles (Word's navigation pane and a TOC field find them), paragraphs indented two
/// characters, bordered tables whose header row repeats on every page and whose rows never split, charts as inline
/// pictures, page numbers in the footer and, for a draft, a red mark in the header of every page. Chinese text uses
/// 宋体/黑体 (LibreOffice substitutes any installed CJK font, e.g. WenQuanYi) with the East Asian language set.
/// </summary>
public static class DocxRenderer
{
    private const int PageWidth = 11906, PageHeight = 16838; // A4 in twentieths of a point
    private const int MarginLeft = 1588, MarginRight = 1474, MarginTop = 1701, MarginBottom = 1474; // 2.8 / 2.6 / 3.0 / 2.6 cm
    private const int ContentWidth = PageWidth - MarginLeft - MarginRight;
    private const long EmuPerTwip = 635;
    private const string SongTi = "宋体", HeiTi = "黑体", Latin = "Times New Roman";

    public static byte[] Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var ms = new MemoryStream();
        using (var docx = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = docx.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = BuildStyles(document.Language);
            main.AddNewPart<FontTablePart>().Fonts = BuildFontTable();
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(
                new Zoom { Percent = "100" },
                new DefaultTabStop { Val = 420 },
                new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
                new Compatibility(new CompatibilitySetting { Name = CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15" }));

            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = BuildFooter(document);
            HeaderPart? header = null;
            if (document.Draft)
            {
                header = main.AddNewPart<HeaderPart>();
                header.Header = new Header(new WParagraph(
                    new ParagraphProperties(new ParagraphStyleId { Val = "Header" }, new Justification { Val = JustificationValues.Right }),
                    new Run(new RunProperties(new Bold(), new Color { Val = "C00000" }, new FontSize { Val = "24" }), new Text(document.DraftMark))));
            }

            var body = new Body();
            body.Append(StyledParagraph("Title", document.Title));
            if (!string.IsNullOrWhiteSpace(document.Subtitle)) body.Append(StyledParagraph("Subtitle", document.Subtitle));
            uint pictureId = 1;
            foreach (var section in document.Sections)
            {
                body.Append(StyledParagraph("Heading1", ReportText.SectionTitle(section)));
                foreach (var block in section.Blocks)
                {
                    switch (block)
                    {
                        case SubHeading h:
                            body.Append(StyledParagraph("Heading2", h.Text));
                            break;
                        case Paragraph p:
                            body.Append(StyledParagraph("BodyIndent", p.Text));
                            break;
                        case TableBlock t:
                            var printed = ReportText.ForPrint(t, document.Language);
                            body.Append(StyledParagraph("TableCaption", printed.Caption));
                            body.Append(BuildTable(printed));
                            body.Append(new WParagraph(new ParagraphProperties(new ParagraphStyleId { Val = "AfterTable" })));
                            break;
                        case ChartBlock c:
                            body.Append(Picture(main, ImagePartType.Png, ChartRenderer.RenderPng(c, ChartRenderer.DefaultWidth, ChartRenderer.DefaultHeight),
                                ChartRenderer.DefaultWidth, ChartRenderer.DefaultHeight, 0.92, pictureId++, c.Title));
                            break;
                        case ImageBlock i:
                            body.Append(Picture(main, ImagePartType.Jpeg, i.Jpeg, i.Width, i.Height, 0.5, pictureId++, i.Caption));
                            body.Append(StyledParagraph("TableCaption", i.Caption));
                            break;
                    }
                }
            }

            var sectPr = new SectionProperties();
            if (header is not null) sectPr.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) });
            sectPr.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) });
            sectPr.Append(new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = MarginTop, Right = MarginRight, Bottom = MarginBottom, Left = MarginLeft, Header = 851, Footer = 851, Gutter = 0 },
                new DocGrid { LinePitch = 312 });
            body.Append(sectPr);
            main.Document = new Document(body);

            docx.PackageProperties.Title = document.Title;
            docx.PackageProperties.Language = document.Language;
        }
        return ms.ToArray();
    }

    private static WParagraph StyledParagraph(string style, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text ?? "") { Space = SpaceProcessingModeValues.Preserve }));

    private static Footer BuildFooter(ReportDocument d)
    {
        var zh = ReportText.IsChinese(d.Language);
        Run T(string s) => new(new Text(s) { Space = SpaceProcessingModeValues.Preserve });
        var p = new WParagraph(new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }, new Justification { Val = JustificationValues.Center }));
        if (!string.IsNullOrWhiteSpace(d.Footer)) p.Append(T(d.Footer + "    "));
        p.Append(T(zh ? "第 " : "Page "), new SimpleField(T("1")) { Instruction = " PAGE " },
            T(zh ? " 页 / 共 " : " of "), new SimpleField(T("1")) { Instruction = " NUMPAGES " }, T(zh ? " 页" : ""));
        return new Footer(p);
    }

    private static Table BuildTable(PrintedTable t)
    {
        // column widths from content, estimated in ems of the 10.5 pt table font
        const double em = 210; // 10.5 pt in twips
        const double padding = 2 * 108 + 40;
        var n = t.Columns.Count;
        var natural = new double[n];
        var minimum = new double[n];
        for (var c = 0; c < n; c++)
        {
            var header = true;
            foreach (var text in t.Rows.Select(r => r.Cells[c]).Prepend(t.Columns[c]))
            {
                natural[c] = Math.Max(natural[c], ReportText.EmWidth(text) * em + padding);
                var longestWord = text.Split(' ').Select(w => w.All(ch => !ReportText.IsWide(ch)) ? ReportText.EmWidth(w) : 1).DefaultIfEmpty(0).Max();
                // numbers and status words never wrap; a long Chinese header may ("2020年/完成值"), so that the name column keeps its room
                var whole = header ? ReportText.EmWidth(text) <= 4.5 : t.Unbreakable(c) || ReportText.EmWidth(text) <= 3.5;
                minimum[c] = Math.Max(minimum[c], Math.Max(longestWord, whole ? ReportText.EmWidth(text) : 2) * em + padding);
                header = false;
            }
        }
        var widths = ColumnWidths.Distribute(natural, minimum, ContentWidth).Select(w => (int)Math.Floor(w)).ToArray();

        BorderType B<TB>() where TB : BorderType, new() => new TB { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" };
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = ContentWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(B<TopBorder>(), B<LeftBorder>(), B<BottomBorder>(), B<RightBorder>(), B<InsideHorizontalBorder>(), B<InsideVerticalBorder>()),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(new TopMargin { Width = "20", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "20", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa }),
                new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = false, LastColumn = false, NoHorizontalBand = true, NoVerticalBand = true }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));

        var head = new WTableRow(new TableRowProperties(new CantSplit(), new TableHeader()));
        for (var c = 0; c < n; c++) head.Append(Cell(t.Columns[c], widths[c], "TableHead", JustificationValues.Center, "EEF1F5"));
        table.Append(head);
        // a short table is kept on one page (as the PDF does): every row but the last keeps with the next
        var keepTogether = t.Rows.Count <= ShortTableRows;
        for (var r = 0; r < t.Rows.Count; r++)
        {
            var row = t.Rows[r];
            var tr = new WTableRow(new TableRowProperties(new CantSplit()));
            var keep = keepTogether && r < t.Rows.Count - 1;
            for (var c = 0; c < n; c++)
                tr.Append(Cell(row.Cells[c], widths[c], "TableText", t.NumericColumns.Contains(c) ? JustificationValues.Right : JustificationValues.Left, null, keep));
            table.Append(tr);
        }
        return table;
    }

    private const int ShortTableRows = 12;

    private static TableCell Cell(string text, int width, string style, JustificationValues align, string? shade, bool keepNext = false)
    {
        var props = new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
        if (shade is not null) props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = shade });
        // a number is never broken across lines (LibreOffice broke "38.5%" after the point in a narrow column)
        if (align == JustificationValues.Right) props.Append(new NoWrap());
        props.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        return new TableCell(props, new WParagraph(
            keepNext
                ? new ParagraphProperties(new ParagraphStyleId { Val = style }, new KeepNext(), new Justification { Val = align })
                : new ParagraphProperties(new ParagraphStyleId { Val = style }, new Justification { Val = align }),
            new Run(new Text(text ?? "") { Space = SpaceProcessingModeValues.Preserve })));
    }

    /// <summary>A centred picture of <paramref name="share"/> of the text width, in proportion.</summary>
    private static WParagraph Picture(MainDocumentPart main, PartTypeInfo type, byte[] bytes, int widthPx, int heightPx, double share, uint id, string description)
    {
        var image = main.AddImagePart(type);
        using (var data = new MemoryStream(bytes)) image.FeedData(data);
        var relId = main.GetIdOfPart(image);
        long cx = (long)(ContentWidth * share) * EmuPerTwip;
        long cy = cx * heightPx / widthPx;
        var name = $"picture{id}";
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = $"Picture {id}", Description = description },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = name }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
        return new WParagraph(new ParagraphProperties(new ParagraphStyleId { Val = "Figure" }), new Run(new Drawing(inline)));
    }

    private static Styles BuildStyles(string language)
    {
        RunFonts Fonts(string eastAsia) => new() { Ascii = Latin, HighAnsi = Latin, EastAsia = eastAsia, ComplexScript = Latin };
        Style P(string id, string name, string? basedOn, params OpenXmlElement[] children)
        {
            var s = new Style { Type = StyleValues.Paragraph, StyleId = id };
            s.Append(new StyleName { Val = name });
            if (basedOn is not null) s.Append(new BasedOn { Val = basedOn });
            if (id != "Normal") s.Append(new NextParagraphStyle { Val = id.StartsWith("Heading", StringComparison.Ordinal) || id is "Title" or "Subtitle" ? "BodyIndent" : id });
            if (id.StartsWith("Heading", StringComparison.Ordinal) || id is "Title" or "Subtitle") s.Append(new UIPriority { Val = 9 }, new PrimaryStyle());
            foreach (var c in children) s.Append(c);
            return s;
        }
        var lang = new Languages { Val = ReportText.IsChinese(language) ? "zh-CN" : "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" };
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(Fonts(SongTi), new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" }, lang)),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto })));
        return new Styles(defaults,
            P("Normal", "Normal", null,
                new StyleParagraphProperties(new SpacingBetweenLines { Line = "360", LineRule = LineSpacingRuleValues.Auto }, new Justification { Val = JustificationValues.Both })),
            P("Title", "Title", "Normal",
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new Justification { Val = JustificationValues.Center }),
                new StyleRunProperties(Fonts(HeiTi), new Bold(), new FontSize { Val = "36" }, new FontSizeComplexScript { Val = "36" })),
            P("Subtitle", "Subtitle", "Normal",
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { After = "360" }, new Justification { Val = JustificationValues.Center }),
                new StyleRunProperties(new Color { Val = "555555" }, new FontSize { Val = "24" })),
            P("Heading1", "heading 1", "Normal",
                new StyleParagraphProperties(new KeepNext(), new KeepLines(), new SpacingBetweenLines { Before = "360", After = "120" }, new Justification { Val = JustificationValues.Left }, new OutlineLevel { Val = 0 }),
                new StyleRunProperties(Fonts(HeiTi), new Bold(), new FontSize { Val = "32" }, new FontSizeComplexScript { Val = "32" })),
            P("Heading2", "heading 2", "Normal",
                new StyleParagraphProperties(new KeepNext(), new KeepLines(), new SpacingBetweenLines { Before = "240", After = "60" }, new Indentation { FirstLineChars = 200, FirstLine = "560" }, new Justification { Val = JustificationValues.Left }, new OutlineLevel { Val = 1 }),
                new StyleRunProperties(Fonts(HeiTi), new FontSize { Val = "28" }, new FontSizeComplexScript { Val = "28" })),
            P("BodyIndent", "Body Text First Indent 2 Chars", "Normal",
                new StyleParagraphProperties(new Indentation { FirstLineChars = 200, FirstLine = "480" })),
            P("TableCaption", "Table Caption", "Normal",
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "120", After = "60", Line = "240", LineRule = LineSpacingRuleValues.Auto }, new Justification { Val = JustificationValues.Center }),
                new StyleRunProperties(Fonts(HeiTi), new FontSize { Val = "21" }, new FontSizeComplexScript { Val = "21" })),
            P("TableText", "Table Text", "Normal",
                new StyleParagraphProperties(new SpacingBetweenLines { Line = "260", LineRule = LineSpacingRuleValues.Auto }, new Justification { Val = JustificationValues.Left }),
                new StyleRunProperties(new FontSize { Val = "21" }, new FontSizeComplexScript { Val = "21" })),
            P("TableHead", "Table Heading", "TableText",
                new StyleParagraphProperties(new KeepNext(), new Justification { Val = JustificationValues.Center }),
                new StyleRunProperties(Fonts(HeiTi), new Bold())),
            P("AfterTable", "After Table", "Normal",
                new StyleParagraphProperties(new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto }),
                new StyleRunProperties(new FontSize { Val = "12" }, new FontSizeComplexScript { Val = "12" })),
            P("Figure", "Figure", "Normal",
                new StyleParagraphProperties(new SpacingBetweenLines { Before = "120", After = "120", Line = "240", LineRule = LineSpacingRuleValues.Auto }, new Justification { Val = JustificationValues.Center })),
            P("Header", "header", "Normal",
                new StyleParagraphProperties(new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto }),
                new StyleRunProperties(new FontSize { Val = "18" }, new FontSizeComplexScript { Val = "18" })),
            P("Footer", "footer", "Normal",
                new StyleParagraphProperties(new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto }),
                new StyleRunProperties(new FontSize { Val = "18" }, new FontSizeComplexScript { Val = "18" })));
    }

    private static Fonts BuildFontTable()
    {
        Font F(string name, string alt, string panose, string charset, FontFamilyValues family) => new(
            new AltName { Val = alt }, new Panose1Number { Val = panose }, new FontCharSet { Val = charset },
            new FontFamily { Val = family }, new Pitch { Val = FontPitchValues.Variable }) { Name = name };
        return new Fonts(
            F(Latin, Latin, "02020603050405020304", "00", FontFamilyValues.Roman),
            F(SongTi, "SimSun", "02010600030101010101", "86", FontFamilyValues.Auto),
            F(HeiTi, "SimHei", "02010609060101010101", "86", FontFamilyValues.Modern));
    }
}
