using System.Text;
using Rongtong.Web.Features.Registry.Import;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Tests.Registry.Import;

/// <summary>Unit tests of the CSV reader, the encoding detection, header matching and cell parsing.</summary>
public sealed class SheetParsingTests
{
    private static List<string[]> Records(string csv) => Csv.Records(new StringReader(csv)).ToList();

    [Fact]
    public void Csv_handles_quotes_doubled_quotes_and_embedded_line_breaks()
    {
        var r = Records("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"line1\nline2\",x,\r\nlast");
        Assert.Equal(3, r.Count);
        Assert.Equal(["a", "b,1", "say \"hi\""], r[0]);
        Assert.Equal(["line1\nline2", "x", ""], r[1]);
        Assert.Equal(["last"], r[2]);
    }

    [Fact]
    public void Csv_keeps_blank_lines_as_rows_and_accepts_lf_cr_and_a_missing_final_newline()
    {
        var r = Records("h1,h2\n\nv1,v2\rv3,v4");
        Assert.Equal(new[] { new[] { "h1", "h2" }, [""], ["v1", "v2"], ["v3", "v4"] }, r);
        Assert.Empty(Records(""));
        Assert.Single(Records("a,b\r\n"));
    }

    [Fact]
    public void Csv_round_trips_what_it_escapes()
    {
        string[] fields = ["plain", "with,comma", "with \"quote\"", "two\r\nlines", " padded ", ""];
        var w = new StringWriter();
        Csv.WriteRecord(w, fields);
        Assert.Equal(fields, Records(w.ToString()).Single());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf8_with_or_without_bom_is_read_as_utf8(bool bom)
    {
        var text = "统一社会信用代码,企业名称\r\n91350100M000100Y43,衡阳（测试）有限公司\r\n";
        var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var rows = SheetReader.Rows(new MemoryStream(bytes), SheetFormat.Csv).ToList();
        Assert.Equal("统一社会信用代码", rows[0].Cells[0]);
        Assert.Equal("衡阳（测试）有限公司", rows[1].Cells[1]);
    }

    [Fact]
    public void Gbk_bytes_as_saved_by_chinese_excel_are_read()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GBK").GetBytes("统一社会信用代码,企业名称,营业收入(万元)\r\n91350100M000100Y43,衡阳华菱钢管有限公司,\"1,234.5\"\r\n");
        Assert.ThrowsAny<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));
        var rows = SheetReader.Rows(new MemoryStream(bytes), SheetFormat.Csv).ToList();
        Assert.Equal(["统一社会信用代码", "企业名称", "营业收入(万元)"], rows[0].Cells);
        Assert.Equal("衡阳华菱钢管有限公司", rows[1].Cells[1]);
        Assert.Equal(2, rows[1].Number);
    }

    [Fact]
    public void Content_checks_tell_a_zip_from_text()
    {
        var zip = new MemoryStream("PK\u0003\u0004rest"u8.ToArray());
        var text = new MemoryStream("a,b\r\n"u8.ToArray());
        var binary = new MemoryStream([1, 0, 2, 3]);
        Assert.True(SheetReader.LooksLike(zip, SheetFormat.Xlsx));
        Assert.False(SheetReader.LooksLike(text, SheetFormat.Xlsx));
        Assert.True(SheetReader.LooksLike(text, SheetFormat.Csv));
        Assert.False(SheetReader.LooksLike(binary, SheetFormat.Csv));
        Assert.Equal(0, text.Position);
    }

    [Theory]
    [InlineData("统一社会信用代码", ImportField.CreditCode)]
    [InlineData(" credit_code ", ImportField.CreditCode)]
    [InlineData("USCC", ImportField.CreditCode)]
    [InlineData("creditCode", ImportField.CreditCode)]
    [InlineData("营业收入(万元)", ImportField.Revenue)]
    [InlineData("营业收入（万元）", ImportField.Revenue)]
    [InlineData("营业收入 ( 万元 )", ImportField.Revenue)]
    [InlineData("营业收入", ImportField.Revenue)]
    [InlineData("Revenue", ImportField.Revenue)]
    [InlineData("rdSpend", ImportField.RnD)]
    [InlineData("RND", ImportField.RnD)]
    [InlineData("占地面积（亩）", ImportField.LandArea)]
    [InlineData("开发区内", ImportField.InZone)]
    [InlineData("是否区内", ImportField.InZone)]
    [InlineData("industry", ImportField.IndustryCode)]
    [InlineData("年度", ImportField.Year)]
    [InlineData("催生企业", ImportField.SpawnedBy)]
    public void Headers_match_with_brackets_spaces_case_and_english_aliases(string header, ImportField field) =>
        Assert.Equal(field, ImportColumns.Match(header)?.Field);

    [Theory]
    [InlineData("备注")]
    [InlineData("")]
    [InlineData("revenue2")]
    public void Unknown_headers_match_nothing(string header) => Assert.Null(ImportColumns.Match(header));

    [Theory]
    [InlineData("1234.5", 1234.5)]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("１，２３４．５", 1234.5)]
    [InlineData(" 12 345 ", 12345)]
    [InlineData("-7.25", -7.25)]
    [InlineData("1e3", 1000)]
    public void Numbers_accept_thousands_separators_and_full_width_digits(string text, double expected)
    {
        var errors = new Errors();
        var col = ImportColumns.Of(ImportField.Revenue);
        Assert.Equal((decimal)expected, ImportCells.Parse(text, col, "营业收入(万元)", errors));
        Assert.True(errors.Ok);
    }

    [Theory]
    [InlineData("abc", "number")]
    [InlineData("12万", "number")]
    [InlineData("1.2.3", "number")]
    public void A_bad_number_names_the_users_column_and_the_rule(string text, string rule)
    {
        var errors = new Errors();
        Assert.Null(ImportCells.Parse(text, ImportColumns.Of(ImportField.Revenue), "营业收入（万元）", errors));
        var e = Assert.Single(errors);
        Assert.Equal("营业收入（万元）", e.Field);
        Assert.Equal(rule, e.Rule);
        Assert.Contains("营业收入（万元）", e.MessageZh);
        Assert.Contains("must be a number", e.MessageEn);
    }

    [Fact]
    public void Whole_numbers_are_required_where_people_are_counted()
    {
        var errors = new Errors();
        var col = ImportColumns.Of(ImportField.Employees);
        Assert.Equal(350, ImportCells.Parse("350", col, "从业人员", errors));
        Assert.Equal(350, ImportCells.Parse(350d, col, "从业人员", errors));
        Assert.Equal(1200, ImportCells.Parse("1,200", col, "从业人员", errors));
        Assert.True(errors.Ok);
        Assert.Null(ImportCells.Parse("12.5", col, "从业人员", errors));
        Assert.Equal("integer", Assert.Single(errors).Rule);
    }

    [Fact]
    public void Amounts_are_rounded_to_the_stored_precision_and_empty_cells_are_not_given()
    {
        var errors = new Errors();
        var col = ImportColumns.Of(ImportField.Revenue);
        Assert.Equal(0.123457m, ImportCells.Parse("0.1234567", col, "营业收入", errors));
        Assert.Null(ImportCells.Parse("  ", col, "营业收入", errors));
        Assert.Null(ImportCells.Parse(null, col, "营业收入", errors));
        Assert.True(errors.Ok);
    }

    [Fact]
    public void Choices_dates_and_yes_no_accept_chinese_and_english()
    {
        var errors = new Errors();
        Assert.Equal(Rongtong.Web.Features.Registry.ChainRole.Leading, ImportCells.Parse("龙头", ImportColumns.Of(ImportField.ChainRole), "产业链角色", errors));
        Assert.Equal(Rongtong.Web.Features.Registry.ChainRole.Service, ImportCells.Parse("service", ImportColumns.Of(ImportField.ChainRole), "产业链角色", errors));
        Assert.Equal(Rongtong.Web.Features.Registry.IncubationStatus.Graduated, ImportCells.Parse("毕业", ImportColumns.Of(ImportField.Incubation), "孵化状态", errors));
        Assert.False((bool)ImportCells.Parse("否", ImportColumns.Of(ImportField.InZone), "是否区内", errors)!);
        Assert.True((bool)ImportCells.Parse("yes", ImportColumns.Of(ImportField.InZone), "是否区内", errors)!);
        Assert.Equal(new DateOnly(2021, 3, 1), ImportCells.Parse("2021年3月1日", ImportColumns.Of(ImportField.ResidentSince), "入驻日期", errors));
        Assert.Equal(new DateOnly(2021, 3, 1), ImportCells.Parse("2021/3/1", ImportColumns.Of(ImportField.ResidentSince), "入驻日期", errors));
        Assert.Equal(new DateOnly(2021, 3, 1), ImportCells.Parse(new DateTime(2021, 3, 1), ImportColumns.Of(ImportField.ResidentSince), "入驻日期", errors));
        Assert.True(errors.Ok);
        Assert.Null(ImportCells.Parse("老大", ImportColumns.Of(ImportField.ChainRole), "产业链角色", errors));
        Assert.Null(ImportCells.Parse("明天", ImportColumns.Of(ImportField.ResidentSince), "入驻日期", errors));
        Assert.Equal(["choice", "date"], errors.Select(e => e.Rule));
    }

    [Fact]
    public void An_industry_code_that_an_xlsx_holds_as_a_number_is_refused_when_it_may_have_lost_a_leading_zero()
    {
        var column = ImportColumns.Of(ImportField.IndustryCode);
        var errors = new Errors();
        // 0111 稻谷种植 typed into a General cell is the number 111, which is another code (111, section B)
        Assert.Null(ImportCells.Parse(111d, column, "行业代码", errors));
        Assert.Equal("leading-zero", Assert.Single(errors).Rule);
        // a number no leading zero can have been lost from stays the code it is
        errors = new Errors();
        Assert.Equal("3311", ImportCells.Parse(3311d, column, "行业代码", errors));
        Assert.Equal("0111", ImportCells.Parse("0111", column, "行业代码", errors));
        Assert.True(errors.Ok);
    }

    [Fact]
    public void The_packed_error_report_survives_the_round_trip_through_the_page()
    {
        List<ImportIssue> issues = [new(3, "营业收入（万元）", "number", "中文", "English", false), new(1, "备注", "unknown-column", "忽略", "ignored", true)];
        var protector = new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider().CreateProtector(ImportReport.Purpose);
        var packed = ImportReport.Pack(issues, protector);
        Assert.Equal(issues, ImportReport.Unpack(packed, protector));
        Assert.Null(ImportReport.Unpack("not a report", protector));
        // only a report this app packed is rendered: an unsigned one (as a crafted gzip bomb would be) is refused unread
        var unsigned = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(unsigned, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            System.Text.Json.JsonSerializer.Serialize(gz, new[] { new object[] { 3, "列", "rule", "中文", "English", false } });
        Assert.Null(ImportReport.Unpack(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(unsigned.ToArray()), protector));
        Assert.Null(ImportReport.Unpack(packed[..^4] + (packed[^4] == 'A' ? "BAAA" : "AAAA"), protector));
    }
}
