using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using Rongtong.Web.Features.Registry.Import;

namespace Rongtong.Tests.Registry.Import;

/// <summary>The streaming XLSX reader on files as Excel and as MiniExcel write them.</summary>
public sealed class XlsxReaderTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>
    /// A workbook the way Excel saves it: shared strings (one with rich-text runs and a phonetic run), the second of two
    /// sheets listed first in the workbook with a relative target, a skipped row and skipped cells, dates by built-in
    /// and by custom format, a boolean, an inline string, a formula's string result and an escaped line break.
    /// </summary>
    private static MemoryStream ExcelStyleWorkbook()
    {
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""",
            ["xl/workbook.xml"] = $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                  <sheets><sheet name="企业" sheetId="2" r:id="rId2"/><sheet name="其他" sheetId="1" r:id="rId1"/></sheets>
                </workbook>
                """,
            ["xl/_rels/workbook.xml.rels"] = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>
                </Relationships>
                """,
            ["xl/sharedStrings.xml"] = $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <sst xmlns="{Main}" count="4" uniqueCount="4">
                  <si><t>统一社会信用代码</t></si>
                  <si><t>企业名称</t></si>
                  <si><r><t>衡阳</t></r><r><rPr><b/></rPr><t xml:space="preserve">华菱 </t></r><r><t>钢管</t></r><rPh sb="0" eb="2"><t>ヘンヤン</t></rPh></si>
                  <si><t>第一行_x000D_第二行</t></si>
                </sst>
                """,
            ["xl/styles.xml"] = $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="{Main}">
                  <numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="#,##0.00&quot;万元&quot;"/></numFmts>
                  <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/></cellXfs>
                </styleSheet>
                """,
            ["xl/worksheets/sheet1.xml"] = $"""<worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>""",
            ["xl/worksheets/sheet2.xml"] = $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="{Main}"><dimension ref="A1:F4"/><sheetData>
                  <row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
                  <row r="3" spans="1:6"><c r="A3" t="s"><v>2</v></c><c r="C3" s="1"><v>44197</v></c><c r="D3" s="2"><v>44228</v></c><c r="E3" s="3"><v>1234.5</v></c><c r="F3" t="b"><v>1</v></c></row>
                  <row r="4"><c r="A4" t="inlineStr"><is><t>内联</t></is></c><c r="B4" t="str"><f>A4</f><v>公式结果</v></c><c r="C4" t="s"><v>3</v></c><c r="D4"/></row>
                </sheetData></worksheet>
                """,
        };
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write(xml.Trim());
            }
        }
        ms.Position = 0;
        return ms;
    }

    [Fact]
    public void Reads_the_first_listed_sheet_with_shared_rich_and_inline_strings_dates_numbers_and_gaps()
    {
        var rows = XlsxReader.Rows(ExcelStyleWorkbook()).ToList();

        Assert.Equal([1, 3, 4], rows.Select(r => r.Number));
        Assert.Equal(["统一社会信用代码", "企业名称"], rows[0].Cells);
        var r3 = rows[1].Cells;
        Assert.Equal("衡阳华菱 钢管", r3[0]);
        Assert.Null(r3[1]);
        Assert.Equal(new DateTime(2021, 1, 1), r3[2]);
        Assert.Equal(new DateTime(2021, 2, 1), r3[3]);
        Assert.Equal(1234.5d, r3[4]);
        Assert.Equal(true, r3[5]);
        Assert.Equal(["内联", "公式结果", "第一行\r第二行", null], rows[2].Cells);
    }

    [Fact]
    public void Reads_what_miniexcel_writes_like_the_template_and_the_export()
    {
        var ms = new MemoryStream();
        ms.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["代码"] = "91350100M000100Y43", ["人数"] = 350, ["收入"] = 1234.5m, ["日期"] = new DateTime(2021, 3, 1), ["空"] = null },
        });
        ms.Position = 0;

        var rows = XlsxReader.Rows(ms).ToList();

        Assert.Equal(["代码", "人数", "收入", "日期", "空"], rows[0].Cells);
        Assert.Equal("91350100M000100Y43", rows[1].Cells[0]);
        Assert.Equal(350d, rows[1].Cells[1]);
        Assert.Equal(1234.5d, rows[1].Cells[2]);
        Assert.Equal(new DateOnly(2021, 3, 1), ImportCells.Date(rows[1].Cells[3]));
        Assert.True(rows[1].Cells.Length < 5 || rows[1].Cells[4] is null or "");
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("M7", 12)]
    [InlineData("AB12", 27)]
    [InlineData("", 3)]
    [InlineData(null, 3)]
    public void Cell_references_give_the_column(string? reference, int expected) => Assert.Equal(expected, XlsxReader.ColumnIndex(reference, 3));

    [Theory]
    [InlineData(14, null, true)]
    [InlineData(31, null, true)]
    [InlineData(0, null, false)]
    [InlineData(4, null, false)]
    [InlineData(176, "yyyy\"年\"m\"月\"d\"日\"", true)]
    [InlineData(177, "#,##0.00\"万元\"", false)]
    [InlineData(178, "[Red]0.00", false)]
    public void Date_formats_are_told_from_number_formats(int id, string? code, bool isDate) => Assert.Equal(isDate, XlsxReader.IsDateFormat(id, code));
}
