using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;
using Rongtong.BrowserTests.Support;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Features.Registry.Rules;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>
/// Journey 10: the operator imports enterprises and yearly figures from a file (导入导出): a file with bad rows writes
/// nothing and lists every error with Excel's row number and the column; the fixed file is written once (a second upload
/// changes nothing); a dry run writes nothing; GBK CSV and XLSX read like UTF-8 CSV; template; the page in English.
/// </summary>
public sealed class ImportJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Year = 2024;

    private static readonly string[] Headers =
        ["统一社会信用代码", "企业名称", "行业代码", "从业人员", "大专及以上学历人数", "营业收入(万元)", "资产总额(万元)", "产值(万元)", "利税(万元)", "研发投入(万元)", "占地面积(亩)", "新增就业人数", "年度"];

    /// <summary>One row of an import file: an enterprise and its figures of <see cref="Year"/>.</summary>
    private sealed record Firm(string Code, string Name, string Industry, int Employees, int DegreeHolders, decimal Revenue, decimal TotalAssets,
        decimal Output, decimal ProfitTax, decimal RnD, decimal LandArea, int NewJobs)
    {
        public object[] Cells => [Code, Name, Industry, Employees, DegreeHolders, Revenue, TotalAssets, Output, ProfitTax, RnD, LandArea, NewJobs, Year];

        public SizeClass ExpectedSize => SizeClassifier.Classify(Industry, Employees, Revenue, TotalAssets, Year).Class;
    }

    /// <summary>Four enterprises (codes 7001–7004, not in the demo data) of different sizes.</summary>
    private static Firm[] FourFirms() =>
    [
        new(DemoSeed.DemoCode(7001), "衡阳导入测试钢管有限公司", "3130", 350, 100, 1500m, 2000m, 1600m, 120m, 60m, 20m, 5),
        new(DemoSeed.DemoCode(7002), "衡阳导入测试软件有限公司", "6513", 15, 12, 80m, 60m, 0m, 8.5m, 12.25m, 0m, 3),
        new(DemoSeed.DemoCode(7003), "衡阳导入测试机械股份有限公司", "3484", 1200, 300, 50000m, 60000m, 52000m, 4000m, 900m, 150m, 40),
        new(DemoSeed.DemoCode(7004), "衡阳导入测试钢结构有限公司", "3311", 50, 30, 3000m, 2500m, 2800m, 200m, 45.5m, 12m, 2),
    ];

    private static readonly string TempDir = CreateTempDir();

    [Fact]
    public async Task Operator_uploads_two_bad_rows_sees_both_and_nothing_is_written_then_imports_the_fixed_file_once()
    {
        var page = Page;
        var good = FourFirms();
        Assert.Contains(good, f => f.ExpectedSize == SizeClass.Large); // sizes differ, so a wrong classification shows
        // Excel row 3: 20 degree holders of 15 employees; Excel row 5: a negative revenue
        var bad = new[] { good[0], good[1] with { DegreeHolders = 20 }, good[2], good[3] with { Revenue = -3000m } };
        var badFile = WriteCsv("企业导入-有错.csv", bad, new UTF8Encoding(false));
        await using (var db = Db())
            Assert.False(await db.Enterprises.AnyAsync(e => good.Select(f => f.Code).Contains(e.CreditCode), Ct));
        var auditBefore = await AuditCountAsync();

        await SignInAsync(page, "hengyang-op");
        await page.Locator("nav.main-nav").GetByRole(AriaRole.Link, new() { Name = "导入导出" }).ClickAsync();
        await page.WaitForURLAsync("**/Registry/Import");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("企业及年度数据导入导出");
        await Expect(page.Locator("#import-summary, #import-errors")).ToHaveCountAsync(0);
        await ShotAsync(page, "10-import-page");

        await UploadAsync(page, badFile);
        await Expect(page.Locator("#import-errors")).ToContainTextAsync("文件中有2处错误，未写入任何数据。");
        await Expect(page.Locator("#import-summary")).ToHaveCountAsync(0);
        var errors = page.Locator("#import-issues tbody tr.error");
        await Expect(errors).ToHaveCountAsync(2);
        var degreeRow = errors.Nth(0).Locator("td");
        await Expect(degreeRow.Nth(0)).ToHaveTextAsync("3"); // header = row 1, as Excel counts
        await Expect(degreeRow.Nth(1)).ToHaveTextAsync("大专及以上学历人数");
        await Expect(degreeRow.Nth(2)).ToContainTextAsync("le-employees");
        await Expect(degreeRow.Nth(3)).ToContainTextAsync("大专及以上学历人数（20）不能多于从业人员（15）");
        var revenueRow = errors.Nth(1).Locator("td");
        await Expect(revenueRow.Nth(0)).ToHaveTextAsync("5");
        await Expect(revenueRow.Nth(1)).ToHaveTextAsync("营业收入(万元)");
        await Expect(revenueRow.Nth(3)).ToContainTextAsync("营业收入不能为负数");
        await ShotAsync(page, "10-import-two-bad-rows");
        await using (var db = Db())
        {
            Assert.False(await db.Enterprises.AnyAsync(e => good.Select(f => f.Code).Contains(e.CreditCode), Ct));
            Assert.False(await db.Enterprises.AnyAsync(e => e.Name.StartsWith("衡阳导入测试"), Ct));
        }
        Assert.Equal(auditBefore, await AuditCountAsync());

        // the error report, as CSV and as XLSX
        var reportForm = page.Locator("form:has(input[name=report])");
        var csvReport = await DownloadAsync(page, reportForm.Locator("button[value=csv]"));
        Assert.Equal("import-errors.csv", csvReport.Name);
        var reportLines = Encoding.UTF8.GetString(csvReport.Bytes).TrimStart('\uFEFF').Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, reportLines.Length); // header and the two errors
        Assert.StartsWith("行号,列,", reportLines[0]);
        Assert.Contains(reportLines, l => l.StartsWith("3,大专及以上学历人数,", StringComparison.Ordinal) && l.Contains("le-employees"));
        Assert.Contains(reportLines, l => l.StartsWith("5,营业收入(万元),", StringComparison.Ordinal) && l.Contains("non-negative"));
        var xlsxReport = await DownloadAsync(page, reportForm.Locator("button[value=xlsx]"));
        Assert.Equal("import-errors.xlsx", xlsxReport.Name);
        Assert.Equal("PK"u8.ToArray(), xlsxReport.Bytes[..2]);
        var xlsxRows = new MemoryStream(xlsxReport.Bytes).Query(useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().Select(r => (Row: Convert.ToInt32(r["行号"], CultureInfo.InvariantCulture), Column: r["列"]?.ToString())).ToList();
        Assert.Equal([(3, "大专及以上学历人数"), (5, "营业收入(万元)")], xlsxRows);
        Assert.EndsWith("/Registry/Import", page.Url); // the downloads leave the page as it was
        await Expect(errors).ToHaveCountAsync(2);

        // the fixed file (UTF-8 with a BOM, as Excel's "CSV UTF-8" writes it) is written whole
        var goodFile = WriteCsv("企业导入.csv", good, new UTF8Encoding(true));
        await UploadAsync(page, goodFile);
        var summary = page.Locator("#import-summary");
        await Expect(summary).ToContainTextAsync("导入完成");
        await Expect(summary).ToContainTextAsync("企业导入.csv");
        await Expect(summary).ToContainTextAsync("4行");
        await Expect(summary).ToContainTextAsync("企业：新增4，更新0，无变化0");
        await Expect(summary).ToContainTextAsync($"年度数据：新增4，更新0，无变化0");
        await Expect(page.Locator("#import-errors, #import-issues")).ToHaveCountAsync(0);
        await ShotAsync(page, "10-import-done");
        var carrierId = await HomeCarrierIdAsync();
        await using (var db = Db())
        {
            foreach (var f in good)
            {
                var e = await db.Enterprises.Include(x => x.Years).SingleAsync(x => x.CreditCode == f.Code, Ct);
                Assert.Equal((f.Name, carrierId, false), (e.Name, e.CarrierId, e.IsDemo));
                Assert.Equal(f.Industry, e.IndustryCode.TrimStart('C'));
                Assert.Equal(((SizeClass?)f.ExpectedSize, (int?)Year), (e.SizeClass, e.SizeYear));
                var y = Assert.Single(e.Years);
                Assert.Equal((Year, f.Employees, f.DegreeHolders, f.Revenue, f.TotalAssets, f.RnD, f.ExpectedSize),
                    (y.Year, y.Employees, y.DegreeHolders, y.Revenue, y.TotalAssets, y.RnD, y.SizeClass));
            }
        }
        var state = await StateAsync(good);
        var auditAfterImport = await AuditCountAsync();
        Assert.True(auditAfterImport > auditBefore, "an import that writes is audited");

        // the very same file again: nothing changes
        await UploadAsync(page, goodFile);
        await Expect(summary).ToContainTextAsync("导入完成");
        await Expect(summary).ToContainTextAsync("企业：新增0，更新0，无变化4");
        await Expect(summary).ToContainTextAsync("年度数据：新增0，更新0，无变化4");
        await ShotAsync(page, "10-import-again-unchanged");
        Assert.Equal(state, await StateAsync(good));
        Assert.Equal(auditAfterImport, await AuditCountAsync());

        // and the enterprises are in the registry list
        await page.GotoAsync("/Registry/Enterprises?Q=" + Uri.EscapeDataString("衡阳导入测试"));
        await Expect(page.Locator("#enterprises tbody tr")).ToHaveCountAsync(4);
    }

    /// <summary>
    /// A row with a wrong credit code must not hide the errors of the other rows. App bug: ImportEnterprises.ValidateAsync
    /// returns after its column check when any row already has an error (<c>if (!run.AllOk) return;</c>, meant for missing
    /// columns), so the rule checks (大专及以上学历人数 ≤ 从业人员, non-negative amounts …) never run and only the credit-code
    /// error is listed; the operator fixes it, uploads again and only then learns of the next error.
    /// </summary>
    [Fact]
    public async Task A_wrong_check_character_does_not_hide_the_figure_errors_of_other_rows()
    {
        var page = Page;
        var good = FourFirms().Select((f, i) => f with { Code = DemoSeed.DemoCode(7011 + i) }).ToArray();
        var wrongCode = good[1].Code[..17] + (good[1].Code[17] == '0' ? '1' : '0');
        Assert.False(CreditCode.Validate(wrongCode).Ok);
        // Excel row 3: a wrong check character; Excel row 5: 80 degree holders of 50 employees
        var file = WriteCsv("企业导入-校验位.csv", [good[0], good[1] with { Code = wrongCode }, good[2], good[3] with { DegreeHolders = 80 }], new UTF8Encoding(false));

        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Registry/Import");
        await UploadAsync(page, file);
        await Expect(page.Locator("#import-errors")).ToContainTextAsync("文件中有2处错误，未写入任何数据。");
        var errors = page.Locator("#import-issues tbody tr.error");
        await Expect(errors).ToHaveCountAsync(2);
        await Expect(errors.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Expect(errors.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync("统一社会信用代码");
        await Expect(errors.Nth(0).Locator("td").Nth(3)).ToContainTextAsync("校验位");
        await Expect(errors.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync("5");
        await Expect(errors.Nth(1).Locator("td").Nth(1)).ToHaveTextAsync("大专及以上学历人数");
        await Expect(errors.Nth(1).Locator("td").Nth(3)).ToContainTextAsync("大专及以上学历人数（80）不能多于从业人员（50）");
        await ShotAsync(page, "10-import-check-character-and-figures");
        await using var db = Db();
        Assert.False(await db.Enterprises.AnyAsync(e => good.Select(f => f.Code).Contains(e.CreditCode) || e.CreditCode == wrongCode, Ct));
    }

    [Fact]
    public async Task A_dry_run_of_a_good_file_says_it_is_valid_and_writes_nothing()
    {
        var page = Page;
        Firm[] firms =
        [
            new(DemoSeed.DemoCode(7005), "衡阳校验测试电子有限公司", "3971", 80, 40, 4200m, 3000m, 4000m, 300m, 210m, 15m, 6),
            new(DemoSeed.DemoCode(7006), "衡阳校验测试物流有限公司", "5438", 30, 6, 900m, 700m, 0m, 40m, 0m, 8m, 1),
        ];
        var file = WriteCsv("仅校验.csv", firms, new UTF8Encoding(false));
        var auditBefore = await AuditCountAsync();

        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Registry/Import");
        var dryRun = page.GetByLabel("仅校验，不写入");
        await Expect(dryRun).Not.ToBeCheckedAsync();
        await dryRun.CheckAsync();
        await UploadAsync(page, file);

        var summary = page.Locator("#import-summary");
        await Expect(summary).ToContainTextAsync("校验通过（仅校验，未写入）");
        await Expect(summary).Not.ToContainTextAsync("导入完成");
        await Expect(summary).ToContainTextAsync("企业：新增2，更新0，无变化0"); // what an import would do
        await Expect(dryRun).ToBeCheckedAsync(); // kept for the next upload
        await ShotAsync(page, "10-import-dry-run");
        await using (var db = Db())
            Assert.False(await db.Enterprises.AnyAsync(e => firms.Select(f => f.Code).Contains(e.CreditCode) || e.Name.StartsWith("衡阳校验测试"), Ct));
        Assert.Equal(auditBefore, await AuditCountAsync());
    }

    [Fact]
    public async Task A_GBK_csv_is_imported_and_the_same_data_as_xlsx_then_changes_nothing()
    {
        var page = Page;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Firm[] firms =
        [
            new(DemoSeed.DemoCode(7007), "衡阳编码测试锅炉制造有限公司", "3411", 260, 90, 26000m, 21000m, 25000m, 1800m, 780m, 60m, 12),
            new(DemoSeed.DemoCode(7008), "衡阳编码测试信息技术服务有限公司", "6513", 120, 110, 3600m, 1500m, 0m, 260m, 420.75m, 0m, 9),
        ];
        var gbk = WriteCsv("企业导入-GBK.csv", firms, Encoding.GetEncoding("GBK"));
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(gbk))); // really not UTF-8

        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Registry/Import");
        await UploadAsync(page, gbk);
        var summary = page.Locator("#import-summary");
        await Expect(summary).ToContainTextAsync("导入完成");
        await Expect(summary).ToContainTextAsync("企业导入-GBK.csv");
        await Expect(summary).ToContainTextAsync("企业：新增2，更新0，无变化0");
        await Expect(summary).ToContainTextAsync("年度数据：新增2，更新0，无变化0");
        await ShotAsync(page, "10-import-gbk");
        await using (var db = Db())
        {
            foreach (var f in firms)
            {
                var e = await db.Enterprises.Include(x => x.Years).SingleAsync(x => x.CreditCode == f.Code, Ct);
                Assert.Equal(f.Name, e.Name); // read as GBK, not as mojibake
                Assert.Equal(f.ExpectedSize, e.SizeClass);
                Assert.Equal(f.RnD, Assert.Single(e.Years).RnD);
            }
        }
        var state = await StateAsync(firms);
        var audit = await AuditCountAsync();

        var xlsx = WriteXlsx("企业导入.xlsx", firms);
        await UploadAsync(page, xlsx);
        await Expect(summary).ToContainTextAsync("企业导入.xlsx");
        await Expect(summary).ToContainTextAsync("企业：新增0，更新0，无变化2");
        await Expect(summary).ToContainTextAsync("年度数据：新增0，更新0，无变化2");
        await ShotAsync(page, "10-import-xlsx-unchanged");
        Assert.Equal(state, await StateAsync(firms));
        Assert.Equal(audit, await AuditCountAsync());

        // an XLSX error carries the row number Excel shows too
        var badXlsx = WriteXlsx("企业导入-有错.xlsx", [firms[0], firms[1] with { Revenue = -5m }]);
        await UploadAsync(page, badXlsx);
        await Expect(page.Locator("#import-errors")).ToContainTextAsync("文件中有1处错误");
        var error = page.Locator("#import-issues tbody tr.error");
        await Expect(error).ToHaveCountAsync(1);
        await Expect(error.Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Expect(error.Locator("td").Nth(1)).ToHaveTextAsync("营业收入(万元)");
        await Expect(error.Locator("td").Nth(3)).ToContainTextAsync("营业收入不能为负数");
        await ShotAsync(page, "10-import-xlsx-negative-revenue");
        Assert.Equal(state, await StateAsync(firms));
    }

    [Fact]
    public async Task The_template_and_export_links_return_files()
    {
        var page = Page;
        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Registry/Import");

        var csv = await DownloadAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "下载模板 CSV" }));
        Assert.EndsWith(".csv", csv.Name);
        var header = Encoding.UTF8.GetString(csv.Bytes).TrimStart('\uFEFF').Split('\n')[0].Trim();
        var columns = header.Split(',');
        Assert.All(Headers, h => Assert.Contains(h, columns));

        var xlsx = await DownloadAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "下载模板 XLSX" }));
        Assert.EndsWith(".xlsx", xlsx.Name);
        Assert.Equal("PK"u8.ToArray(), xlsx.Bytes[..2]);
        var first = new MemoryStream(xlsx.Bytes).Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().First();
        Assert.All(Headers, h => Assert.Contains(h, first.Values.Select(v => v?.ToString())));

        var export = await DownloadAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "导出 CSV" }));
        Assert.EndsWith(".csv", export.Name);
        var text = Encoding.UTF8.GetString(export.Bytes);
        Assert.Contains(TezhijiaName, text);
        Assert.Contains(ChanghongName, text);
        Assert.EndsWith("/Registry/Import", page.Url);
        await ShotAsync(page, "10-import-after-downloads");
    }

    [Fact]
    public async Task The_import_page_in_English()
    {
        var page = Page;
        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Registry/Import");
        await page.Locator("a.lang").ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/Registry/Import");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var main = page.Locator("main");
        await Expect(main.Locator("h1")).ToHaveTextAsync("Import and export enterprises and yearly figures");
        await Expect(main.Locator("h2")).ToHaveTextAsync(["Upload a file", "Template", "Export"]);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Dry run: check only, write nothing")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download template (CSV)" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Export XLSX" })).ToBeVisibleAsync();
        await Expect(page.Locator("nav.main-nav a[href='/Registry/Import']")).ToHaveTextAsync("Import/export");
        await Expect(main).Not.ToContainTextAsync("导入");
        await ShotAsync(page, "10-import-page");

        // the errors in English too
        Firm[] firms = [FourFirms()[0] with { Code = DemoSeed.DemoCode(7009), DegreeHolders = 400 }];
        await UploadAsync(page, WriteCsv("import-bad.csv", firms, new UTF8Encoding(false)), "Import");
        await Expect(page.Locator("#import-errors")).ToContainTextAsync("The file has 1 error; nothing was written.");
        await Expect(page.Locator("#import-issues thead")).ToHaveTextAsync("RowColumnRuleMessage");
        await Expect(page.Locator("#import-issues tbody tr.error td").Nth(3)).ToContainTextAsync("Employees with a degree (400) cannot exceed employees (350)");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Errors and warnings" })).ToBeVisibleAsync();
        await ShotAsync(page, "10-import-errors");
        await using var db = Db();
        Assert.False(await db.Enterprises.AnyAsync(e => e.CreditCode == firms[0].Code, Ct));
    }

    // ---- helpers ----

    private static async Task UploadAsync(IPage page, string path, string button = "导入")
    {
        await page.Locator("input[type=file][name=upload]").SetInputFilesAsync(path);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }));
    }

    private static async Task<(string Name, byte[] Bytes)> DownloadAsync(IPage page, ILocator trigger)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => trigger.ClickAsync());
        Assert.Null(await download.FailureAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), Ct);
        Assert.NotEmpty(bytes);
        return (download.SuggestedFilename, bytes);
    }

    private static string WriteCsv(string name, IEnumerable<Firm> firms, Encoding encoding)
    {
        var sb = new StringBuilder().Append(string.Join(',', Headers)).Append("\r\n");
        foreach (var f in firms)
            sb.Append(string.Join(',', f.Cells.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture)))).Append("\r\n");
        var path = Path.Combine(TempDir, name);
        File.WriteAllText(path, sb.ToString(), encoding);
        return path;
    }

    private static string WriteXlsx(string name, IEnumerable<Firm> firms)
    {
        var path = Path.Combine(TempDir, name);
        using var fs = File.Create(path);
        fs.SaveAs(firms.Select(f =>
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < Headers.Length; i++) row[Headers[i]] = f.Cells[i];
            return row;
        }).ToList(), excelType: ExcelType.XLSX);
        return path;
    }

    private static string CreateTempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"rongtong-import-journey-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        };
        return dir;
    }

    private async Task<int> HomeCarrierIdAsync()
    {
        await using var db = Db();
        return await db.Carriers.Where(c => c.Name == CarrierName).Select(c => c.Id).SingleAsync(Ct);
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = Db();
        return await db.AuditEntries.CountAsync(Ct);
    }

    /// <summary>The versions of the firms' enterprises and years, as text (what must not move when nothing changes).</summary>
    private async Task<string> StateAsync(IEnumerable<Firm> firms)
    {
        var codes = firms.Select(f => f.Code).ToList();
        await using var db = Db();
        var rows = await db.Enterprises.Where(e => codes.Contains(e.CreditCode))
            .Select(e => new { e.CreditCode, e.Version, Years = e.Years.Select(y => new { y.Year, y.Version }).ToList() }).ToListAsync(Ct);
        Assert.Equal(codes.Count, rows.Count);
        return string.Join("; ", rows.OrderBy(r => r.CreditCode)
            .Select(r => $"{r.CreditCode} v{r.Version} [{string.Join(",", r.Years.OrderBy(y => y.Year).Select(y => $"{y.Year} v{y.Version}"))}]"));
    }
}
