using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Rongtong.Web.Features.Reports.Rendering;
using WParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using WTableRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace Rongtong.Tests.Reports.Rendering;

public sealed class DocxRendererTests
{
    private static readonly Lazy<byte[]> Final = new(() => DocxRenderer.Render(SampleReportDocument.Build()));
    private static readonly Lazy<byte[]> Draft = new(() => DocxRenderer.Render(SampleReportDocument.Build(draft: true)));

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    [Fact]
    public void Validator_reports_no_errors()
    {
        foreach (var bytes in new[] { Final.Value, Draft.Value })
        {
            using var doc = Open(bytes);
            var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(doc)
                .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToArray();
            Assert.True(errors.Length == 0, string.Join("\n", errors));
        }
    }

    [Fact]
    public void Text_has_headings_as_heading_styles_sentences_and_table_cells()
    {
        using var doc = Open(Final.Value);
        var body = doc.MainDocumentPart!.Document!.Body!;
        var text = body.InnerText;
        var sample = SampleReportDocument.Build();
        Assert.Contains(SampleReportDocument.Sentence, text);
        foreach (var cell in SampleReportDocument.LastEnterpriseRow.Cells) Assert.Contains(cell, text);
        var headings1 = body.Descendants<WParagraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToArray();
        Assert.Equal(sample.Sections.Select(ReportText.SectionTitle), headings1);
        var headings2 = body.Descendants<WParagraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading2").Select(p => p.InnerText).ToArray();
        Assert.Contains("（六）辐射带动力情况", headings2);
        var styles = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!;
        var h1 = styles.Elements<Style>().Single(s => s.StyleId == "Heading1");
        Assert.Equal("heading 1", h1.StyleName!.Val!.Value);
        Assert.Equal(0, h1.StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        var indent = styles.Elements<Style>().Single(s => s.StyleId == "BodyIndent").StyleParagraphProperties!.Indentation!;
        Assert.Equal(200, indent.FirstLineChars!.Value);
    }

    [Fact]
    public void Page_is_a4_with_page_numbers_and_chinese_fonts()
    {
        using var doc = Open(Final.Value);
        var main = doc.MainDocumentPart!;
        var size = main.Document!.Body!.GetFirstChild<SectionProperties>()!.GetFirstChild<PageSize>()!;
        Assert.Equal(11906u, size.Width!.Value);
        Assert.Equal(16838u, size.Height!.Value);
        var footer = Assert.Single(main.FooterParts).Footer!;
        Assert.Contains(footer.Descendants<SimpleField>(), f => f.Instruction!.Value!.Trim() == "PAGE");
        Assert.Contains(footer.Descendants<SimpleField>(), f => f.Instruction!.Value!.Trim() == "NUMPAGES");
        var defaults = main.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("宋体", defaults.RunFonts!.EastAsia!.Value);
        Assert.Equal("zh-CN", defaults.Languages!.EastAsia!.Value);
        Assert.Contains(main.FontTablePart!.Fonts!.Elements<Font>(), f => f.Name == "宋体" && f.AltName!.Val == "SimSun");
    }

    [Fact]
    public void Tables_repeat_their_header_row_never_split_rows_and_right_align_numbers()
    {
        using var doc = Open(Final.Value);
        var tables = doc.MainDocumentPart!.Document!.Body!.Elements<Table>().ToArray();
        var sample = SampleReportDocument.Build().Sections.SelectMany(s => s.Blocks).OfType<TableBlock>().ToArray();
        Assert.Equal(sample.Length, tables.Length);
        foreach (var table in tables)
        {
            var rows = table.Elements<WTableRow>().ToArray();
            Assert.NotNull(rows[0].TableRowProperties!.GetFirstChild<TableHeader>());
            Assert.All(rows.Skip(1), r => Assert.Null(r.TableRowProperties!.GetFirstChild<TableHeader>()));
            Assert.All(rows, r => Assert.NotNull(r.TableRowProperties!.GetFirstChild<CantSplit>()));
            Assert.NotNull(table.GetFirstChild<TableProperties>()!.TableBorders);
        }
        var longTable = tables.Single(t => t.InnerText.Contains("统一社会信用代码", StringComparison.Ordinal));
        Assert.Equal(81, longTable.Elements<WTableRow>().Count());
        var last = longTable.Elements<WTableRow>().Last().Elements<TableCell>().ToArray();
        Assert.Equal(JustificationValues.Right, last[5].Descendants<Justification>().Single().Val!.Value); // 营业收入
        Assert.Equal(JustificationValues.Left, last[1].Descendants<Justification>().Single().Val!.Value);  // 企业名称
        // a short table keeps its rows together, the long one may break between rows
        var funds = tables.First();
        Assert.All(funds.Elements<WTableRow>().Skip(1).SkipLast(1), r => Assert.NotNull(r.Descendants<KeepNext>().FirstOrDefault()));
        Assert.All(longTable.Elements<WTableRow>().Skip(1), r => Assert.Null(r.Descendants<KeepNext>().FirstOrDefault()));
        // the status column carries the tone as a word
        Assert.Contains("未达标", tables.First(t => t.InnerText.Contains("资本服务机构", StringComparison.Ordinal)).InnerText);
    }

    [Fact]
    public void Charts_are_inline_pictures()
    {
        using var doc = Open(Final.Value);
        var charts = SampleReportDocument.Build().Sections.SelectMany(s => s.Blocks).OfType<ChartBlock>().Count();
        Assert.Equal(6, charts);
        Assert.Equal(charts, doc.MainDocumentPart!.ImageParts.Count());
        Assert.Equal(charts, doc.MainDocumentPart.Document!.Body!.Descendants<Drawing>().Count(d => d.Inline is not null));
        var noCharts = SampleReportDocument.Build() with { Sections = [new ReportSection("一", "概况", [new Rongtong.Web.Features.Reports.Rendering.Paragraph("无图。")])] };
        using var plain = Open(DocxRenderer.Render(noCharts));
        Assert.Empty(plain.MainDocumentPart!.ImageParts);
    }

    [Fact]
    public void Draft_has_the_mark_in_a_header_on_every_page_and_final_has_none()
    {
        using (var draft = Open(Draft.Value))
        {
            var header = Assert.Single(draft.MainDocumentPart!.HeaderParts);
            Assert.Contains("草稿 — 未经批准", header.Header!.InnerText);
            var reference = draft.MainDocumentPart.Document!.Body!.GetFirstChild<SectionProperties>()!.GetFirstChild<HeaderReference>()!;
            Assert.Equal(HeaderFooterValues.Default, reference.Type!.Value);
            Assert.Equal("C00000", header.Header.Descendants<Color>().Single().Val!.Value);
        }
        using var final = Open(Final.Value);
        Assert.Empty(final.MainDocumentPart!.HeaderParts);
        Assert.DoesNotContain("草稿", final.MainDocumentPart.Document!.Body!.InnerText);
    }
}
