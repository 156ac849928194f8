using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Rongtong.Web.Features.Reports.Rendering;

namespace Rongtong.Tests.Reports.Rendering;

public sealed class EdgeCaseTests
{
    /// <summary>Empty sections, a table without rows, a cell longer than a page, an English document, a chart without categories.</summary>
    private static ReportDocument Odd() => new("Odd report", "", true, "DRAFT", "", "en",
    [
        new ReportSection("1", "Empty section", []),
        new ReportSection("2", "Edge cases",
        [
            new TableBlock("No rows", "No rows", ["A", "B"], [], new HashSet<int> { 1 }),
            new TableBlock("A huge cell", "Huge", ["Text", "N"], [new TableRow([string.Concat(Enumerable.Repeat("很长的单元格文字，", 900)), "1"], RowTone.Bad)], new HashSet<int> { 1 }),
            new ChartBlock("No categories", "", [], []),
            new Paragraph(""),
            new Paragraph("A very long Latin word: " + new string('x', 400)),
        ]),
    ]);

    [Fact]
    public void Every_format_renders_odd_documents()
    {
        var doc = Odd();
        var pdfPath = PopplerTools.WriteTemp(PdfRenderer.Render(doc), ".pdf");
        var pages = PopplerTools.PageTexts(pdfPath);
        Assert.All(pages, p => Assert.Contains("DRAFT", p));
        Assert.Contains("Page1of", pages[0]);
        Assert.Contains("2.Edgecases", string.Concat(pages));
        Assert.Contains("notmet", string.Concat(pages)); // the English tone label

        using (var docx = WordprocessingDocument.Open(new MemoryStream(DocxRenderer.Render(doc)), false))
            Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(docx));
        Assert.Contains("<html lang=\"en\">", HtmlRenderer.RenderPage(doc));
        Assert.NotEmpty(XlsxRenderer.Render(doc));
        Assert.NotEmpty(XlsxRenderer.Render(doc with { Sections = [] }));
    }

    [Fact]
    public void Pdf_renders_concurrently()
    {
        var doc = SampleReportDocument.Build() with { Sections = SampleReportDocument.Build().Sections.Take(2).ToArray() };
        var results = new byte[4][];
        Parallel.For(0, results.Length, i => results[i] = PdfRenderer.Render(doc));
        var texts = results.Select(r => string.Concat(PopplerTools.PageTexts(PopplerTools.WriteTemp(r, ".pdf")))).ToArray();
        Assert.All(texts, t => Assert.Equal(texts[0], t));
        Assert.Contains(SampleReportDocument.Sentence, texts[0]);
    }
}
