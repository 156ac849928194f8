using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;
using Rongtong.Web.Features.Reports.Rendering;

namespace Rongtong.Tests.Reports.Rendering;

public sealed class HtmlRendererTests
{
    private static readonly Lazy<string> Page = new(() => HtmlRenderer.RenderPage(SampleReportDocument.Build()));

    [Fact]
    public void Text_is_html_encoded()
    {
        var html = Page.Value;
        Assert.DoesNotContain(SampleReportDocument.Malicious, html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引号&quot;", html);
        var evil = new ReportDocument("<b>标题</b>", "\"onload=x", false, "", "</footer>", "zh-CN\"><x",
            [new ReportSection("一", "<i>", [new TableBlock("<caption>", "s", ["<th>"], [new TableRow(["<td>"])], new HashSet<int>()),
                new ChartBlock("<img src=x onerror=alert(1)>", "y", ["a"], [new ChartSeries("<s>", [1])])])]);
        var fragment = HtmlRenderer.RenderFragment(evil);
        Assert.DoesNotContain("<b>", fragment);
        Assert.DoesNotContain("<i>", fragment);
        Assert.DoesNotContain("<x", fragment);
        Assert.DoesNotContain("<img src=x", fragment);
        Assert.DoesNotContain("<th>", fragment.Replace("<th scope=\"col\">", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Page_is_self_contained_with_language_charts_tones_and_generated_marks()
    {
        var html = Page.Value;
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("<style>", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal));
        Assert.Equal(6, Regex.Count(html, "src=\"data:image/png;base64,"));
        Assert.Contains("三、绩效目标完成情况", html);
        Assert.Matches("<tr class=\"rt-bad\">.*<td class=\"rt-tone\">未达标</td></tr>", html);
        Assert.Contains("<p class=\"rt-generated\"", html);
        Assert.Contains("@media print", html);
        Assert.Contains("<td class=\"rt-num\">4,000.00</td>", html);
    }

    [Fact]
    public void Fragment_has_no_document_shell()
    {
        var fragment = HtmlRenderer.RenderFragment(SampleReportDocument.Build(draft: true));
        Assert.StartsWith("<article class=\"rt-report\" lang=\"zh-CN\">", fragment);
        Assert.DoesNotContain("<html", fragment);
        Assert.DoesNotContain("<head>", fragment);
        Assert.DoesNotContain("<style", fragment);
        Assert.Contains("草稿 — 未经批准", fragment);
    }
}

public sealed class XlsxRendererTests
{
    [Fact]
    public void Every_table_is_a_sheet_with_caption_header_and_numbers_as_numbers()
    {
        var sample = SampleReportDocument.Build();
        var bytes = XlsxRenderer.Render(sample);
        var tables = sample.Sections.SelectMany(s => s.Blocks).OfType<TableBlock>().ToArray();

        var names = MiniExcel.GetSheetNames(new MemoryStream(bytes));
        Assert.Equal(tables.Select(t => t.SheetName), names);

        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var wb = xlsx.WorkbookPart!;
        var sheet = wb.Workbook!.Descendants<Sheet>().Single(s => s.Name == "资金到位与拨付");
        var rows = ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet!.Descendants<Row>().ToArray();
        Assert.Equal("表1 专项资金到位与拨付情况", rows[0].InnerText);
        Assert.Equal(["批次", "下达时间", "到位金额（万元）", "已拨付（万元）", "执行率", "状态"], rows[1].Elements<Cell>().Select(c => c.InnerText));
        var first = rows[2].Elements<Cell>().ToArray();
        Assert.Null(first[2].DataType);                       // "2,500.00" is a number
        Assert.Equal("2500", first[2].CellValue!.Text);
        Assert.Equal(CellValues.InlineString, first[4].DataType!.Value); // "95.2%" stays text
        Assert.Equal("达标", first[5].InnerText);

        // MiniExcel reads the number back as a number
        var cells = MiniExcel.Query(new MemoryStream(bytes), sheetName: "资金到位与拨付").Cast<IDictionary<string, object>>().ToArray();
        Assert.IsType<double>(cells[2]["C"]);
        Assert.Equal(2500d, (double)cells[2]["C"]);
        Assert.Equal("第一批", cells[2]["A"]);
    }

    [Theory]
    [InlineData("入驻企业:名单/2020?", "入驻企业_名单_2020_")]
    [InlineData("", "Sheet7")]
    [InlineData("'引号'", "引号")]
    public void Sheet_names_are_sanitised(string wanted, string expected) =>
        Assert.Equal(expected, XlsxRenderer.UniqueSheetName(wanted, new HashSet<string>(), 7));

    [Fact]
    public void Sheet_names_are_unique_and_at_most_31_characters()
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var longName = new string('融', 40);
        var a = XlsxRenderer.UniqueSheetName(longName, taken, 1);
        var b = XlsxRenderer.UniqueSheetName(longName, taken, 2);
        var c = XlsxRenderer.UniqueSheetName("Sheet", taken, 3);
        var d = XlsxRenderer.UniqueSheetName("SHEET", taken, 4);
        Assert.Equal(31, a.Length);
        Assert.True(b.Length <= 31 && b.EndsWith(" (2)", StringComparison.Ordinal), b);
        Assert.NotEqual(a, b);
        Assert.Equal("SHEET (2)", d);
        Assert.Equal("Sheet", c);
    }

    [Theory]
    [InlineData("2,500.00", true, 2500)]
    [InlineData("-3", true, -3)]
    [InlineData("0.42", true, 0.42)]
    [InlineData("95.2%", false, 0)]
    [InlineData("007", false, 0)]
    [InlineData("—", false, 0)]
    [InlineData("2019年7月", false, 0)]
    [InlineData("91430400MA4L0080X0", false, 0)]
    public void Numbers_are_recognised(string text, bool isNumber, double value)
    {
        Assert.Equal(isNumber, ReportText.TryParseNumber(text, out var v));
        if (isNumber) Assert.Equal(value, v);
    }
}
