using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Rongtong.Web.Features.Reports.Rendering;

namespace Rongtong.Tests.Reports.Rendering;

public sealed class PdfRendererTests
{
    private static readonly Lazy<(string Path, string[] Pages)> Final = new(() => RenderSample(draft: false));
    private static readonly Lazy<(string Path, string[] Pages)> Draft = new(() => RenderSample(draft: true));

    private static (string, string[]) RenderSample(bool draft)
    {
        var pdf = PdfRenderer.Render(SampleReportDocument.Build(draft));
        var path = PopplerTools.WriteTemp(pdf, ".pdf");
        return (path, PopplerTools.PageTexts(path));
    }

    [Fact]
    public void Text_has_headings_sentences_last_table_row_and_page_numbers()
    {
        var (_, pages) = Final.Value;
        var all = string.Concat(pages);
        var doc = SampleReportDocument.Build();
        Assert.Contains(PopplerTools.Squash(doc.Title), pages[0]);
        foreach (var section in doc.Sections) Assert.Contains(PopplerTools.Squash(ReportText.SectionTitle(section)), all);
        Assert.Contains("（四）产出与效益情况", all);
        Assert.Contains(SampleReportDocument.Sentence, all);
        foreach (var cell in SampleReportDocument.LastEnterpriseRow.Cells) Assert.Contains(PopplerTools.Squash(cell), all);
        Assert.StartsWith("第1页/共", PopplerTools.Squash(pages[0][(pages[0].IndexOf("第1页", StringComparison.Ordinal))..]));
        for (var i = 0; i < pages.Length; i++) Assert.Contains($"第{i + 1}页/共{pages.Length}页", pages[i]);
        Assert.True(pages.Length >= 5, $"expected several pages, got {pages.Length}");
    }

    [Fact]
    public void Cjk_font_is_embedded()
    {
        var fonts = PopplerTools.Run("pdffonts", Final.Value.Path);
        var rows = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToArray();
        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => r.Contains("WenQuanYi", StringComparison.OrdinalIgnoreCase));
        // columns: name type encoding emb sub uni object ID — every font embedded, with a ToUnicode map
        Assert.All(rows, r =>
        {
            var cols = r.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("yes", cols[^5]);
            Assert.Equal("yes", cols[^3]);
        });
    }

    [Fact]
    public void Long_table_breaks_across_pages_with_its_header_row_on_every_page()
    {
        var (_, pages) = Final.Value;
        var withRows = pages.Select((text, i) => (text, i)).Where(p => p.text.Contains("91430400MA4L", StringComparison.Ordinal)).ToArray();
        Assert.True(withRows.Length >= 2, $"the 80-row table should span pages, spans {withRows.Length}");
        Assert.All(withRows, p => Assert.Contains("统一社会信用代码", p.text));
        Assert.Contains(PopplerTools.Squash(SampleReportDocument.LongTableCaption) + "（续）", withRows[1].text);
        // every row is printed exactly once, whole (its code and its name on one page)
        for (var i = 1; i <= 80; i++)
        {
            var row = SampleReportDocument.Build().Sections.SelectMany(s => s.Blocks).OfType<TableBlock>()
                .Single(t => t.Caption == SampleReportDocument.LongTableCaption).Rows[i - 1];
            var code = row.Cells[2];
            var page = Assert.Single(withRows, p => p.text.Contains(code, StringComparison.Ordinal));
            Assert.Contains(PopplerTools.Squash(row.Cells[1]), page.text);
        }
    }

    [Fact]
    public void Draft_mark_is_on_every_page_of_a_draft_and_on_none_otherwise()
    {
        var mark = PopplerTools.Squash(SampleReportDocument.Build(draft: true).DraftMark);
        Assert.All(Draft.Value.Pages, p => Assert.Contains(mark, p));
        Assert.All(Final.Value.Pages, p => Assert.DoesNotContain("草稿", p));
    }

    [Fact]
    public void Line_breaking_keeps_closing_punctuation_off_line_starts_and_latin_words_whole()
    {
        PdfFontResolver.Ensure();
        var measure = new TextMeasure();
        var font = new XFont(CjkFont.FamilyName, 11, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        var text = "衡阳高新区自2019年6月获批国家大中小企业融通型双创特色载体以来，在国家和省、市有关部门的精心指导和大力支持下，" +
                   "以特色载体建设为发展契机（“龙头企业+孵化”），推动Public Service Platform Network建设。";
        for (var width = 60.0; width <= 300; width += 7)
        {
            var lines = measure.Wrap(text, font, width - 22, width);
            Assert.Equal(PopplerTools.Squash(text), PopplerTools.Squash(string.Concat(lines)));
            Assert.All(lines.Skip(1), l => Assert.DoesNotContain(l[0], "，。；：、）”"));
            Assert.All(lines, l => Assert.DoesNotContain(l[^1], "（“"));
            // a line overflows by at most one glued punctuation mark
            Assert.All(lines.Skip(1), l => Assert.True(measure.Width(l, font) <= width + 2 * 11, $"'{l}' too wide for {width}"));
            if (width >= 120) Assert.Contains(lines, l => l.Contains("Platform", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Font_resolver_installs_once_from_many_threads()
    {
        Parallel.For(0, 16, _ => PdfFontResolver.Ensure());
        Assert.IsType<PdfFontResolver>(PdfSharp.Fonts.GlobalFontSettings.FontResolver);
        PdfFontResolver.Ensure();
    }
}
