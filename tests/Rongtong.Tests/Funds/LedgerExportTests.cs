using Rongtong.Web.Features.Projects;
using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;
using static Rongtong.Tests.Funds.FundLedgerTests;

namespace Rongtong.Tests.Funds;

/// <summary>The 资金使用明细表 export, read back from the produced workbook, on SQLite and PostgreSQL and through the API.</summary>
public sealed class LedgerExportTests
{
    /// <summary>
    /// On top of the seed (lump disbursements of 2380万 in 2019 and 1020万 in 2020, category 未分类): a sub-project with
    /// an equipment allocation of 100万 (2021) and three disbursements in 2021 — 12.345678万, 20万, and 5万 reversed
    /// (the reversal is dated today) — so the ledger has six entries.
    /// </summary>
    private static async Task<(Carrier Carrier, int Project)> SetUpAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RongtongDb>();
        var ledger = scope.ServiceProvider.GetRequiredService<FundLedger>();
        var carrier = await db.Carriers.SingleAsync(c => c.Code == "hengyang");
        var fund = await db.Funds.SingleAsync(f => f.CarrierId == carrier.Id);
        var payee = await db.Enterprises.OrderBy(e => e.Id).FirstAsync(e => e.CarrierId == carrier.Id);
        var p = new SubProject { CarrierId = carrier.Id, Code = "T9", Name = "检测设备购置", UnitId = payee.Id };
        db.SubProjects.Add(p);
        await db.SaveChangesAsync();
        var a = await ledger.AllocateAsync(fund.Id, p.Id, "equipment", W(100), "设备购置", new DateOnly(2021, 3, 1));
        await ledger.DisburseAsync(new(a.Id, W(12.345678m), new DateOnly(2021, 4, 2), PayeeId: payee.Id, VoucherNo: "记-2104-0001", Purpose: "光谱仪首付款"));
        await ledger.DisburseAsync(new(a.Id, W(20), new DateOnly(2021, 6, 1), VoucherNo: "记-2106-0002", Purpose: "光谱仪尾款"));
        var wrong = await ledger.DisburseAsync(new(a.Id, W(5), new DateOnly(2021, 7, 1), VoucherNo: "记-2107-0003", Purpose: "重复付款"));
        await ledger.ReverseDisbursementAsync(wrong.Id, "重复支付");
        return (carrier, p.Id);
    }

    /// <summary>Every sheet as rows of cell values (strings, or decimals for numbers), by sheet name; the workbook must be schema-valid.</summary>
    private static Dictionary<string, List<List<object>>> Read(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(doc)
            .Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var wb = doc.WorkbookPart!;
        return wb.Workbook.Sheets!.Elements<Sheet>().ToDictionary(s => s.Name!.Value!, s =>
            ((WorksheetPart)wb.GetPartById(s.Id!.Value!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString
                ? (object)c.InnerText
                : decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)).ToList())
            .ToList());
    }

    private static async Task<Dictionary<string, List<List<object>>>> ExportAsync(TestApp app, Carrier carrier, LedgerFilter filter)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return Read(await scope.ServiceProvider.GetRequiredService<LedgerExport>().HandleAsync(carrier, filter));
    }

    [Theory, Providers]
    public async Task The_export_has_a_row_per_entry_with_exact_amounts_reversals_and_a_total_equal_to_the_summary(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (carrier, project) = await SetUpAsync(app);
        FundFigures all, y2021;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var summary = scope.ServiceProvider.GetRequiredService<FundSummary>();
            (all, y2021) = (await summary.HandleAsync(carrier.Id), await summary.HandleAsync(carrier.Id, 2021));
        }
        Assert.Equal([(2019, W(2380)), (2020, W(1020)), (2021, W(100))], all.ByYear.Where(y => y.Year <= 2021).Select(y => (y.Year, y.AllocatedFen)));
        Assert.All(all.ByYear.Where(y => y.Year > 2021), y => Assert.Equal((0, -W(5)), (y.AllocatedFen, y.DisbursedFen)));

        var book = await ExportAsync(app, carrier, new LedgerFilter());
        Assert.Equal(["资金使用明细表", "汇总"], book.Keys);
        var sheet = book["资金使用明细表"];
        Assert.Equal($"{carrier.Name}专项资金使用明细表", sheet[0][0]);
        Assert.Equal(["序号", "拨付日期", "凭证号", "工程", "子项目", "实施单位", "资金来源", "支出类别", "收款单位", "拨付金额(万元)", "资金用途", "备注"], sheet[1]);
        var rows = sheet.Skip(2).SkipLast(1).ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal([1m, 2m, 3m, 4m, 5m, 6m], rows.Select(r => r[0]));
        // in date order; the date is a date serial (shown yyyy-mm-dd)
        Assert.Equal(new DateOnly(2019, 12, 31), DateOnly.FromDayNumber(new DateOnly(1899, 12, 30).DayNumber + (int)(decimal)rows[0][1]));
        var first = rows.Single(r => (string)r[2] == "记-2104-0001");
        Assert.Equal(12.345678m, first[9]); // a number, exact to 1 分
        Assert.Equal(("T9 检测设备购置", "设备购置", "光谱仪首付款", "中央财政中小企业发展专项资金"), ((string)first[4], (string)first[7], (string)first[10], (string)first[6]));
        Assert.Equal(first[5], first[8]); // the implementing unit is also the payee here
        var reversal = rows.Single(r => r[9] is -5m);
        Assert.Equal("重复付款", reversal[10]);
        Assert.StartsWith("冲销：重复支付", (string)reversal[11]);
        Assert.StartsWith("已于", (string)rows.Single(r => r[9] is 5m)[11]);
        var total = sheet[^1];
        Assert.Equal("合计", total[0]);
        Assert.Equal(Money.ToWan(all.DisbursedFen), total[9]);
        Assert.Equal(3432.345678m, total[9]);

        var summary2 = book["汇总"];
        Assert.Equal(["分组", "项目", "到位(万元)", "分配(万元)", "拨付(万元)", "执行率(%)"], summary2[1]);
        Assert.Equal(["合计", "全部年度", 4000m, 3500m, 3432.345678m, all.ExecutionRate!.Value], summary2[2]);
        Assert.Equal(3 + all.ByYear.Count + all.ByCategory.Count, summary2.Count - 3);
        Assert.Contains(summary2, r => r[0] is "年度" && r[1] is "2021" && r[3] is 100m && r[4] is 37.345678m);
        Assert.Contains(summary2, r => r[0] is "支出类别" && r[1] is "设备购置" && r[3] is 100m && r[4] is 32.345678m);

        // filters: year, category, project — the total follows them
        var year = (await ExportAsync(app, carrier, new LedgerFilter(Year: 2021)))["资金使用明细表"];
        Assert.Equal(3, year.Count - 3);
        Assert.Equal(Money.ToWan(y2021.DisbursedFen), year[^1][9]);
        Assert.Contains("2021年", (string)year[0][0]);
        var category = (await ExportAsync(app, carrier, new LedgerFilter(Category: "unspecified")))["资金使用明细表"];
        Assert.Equal([2380m, 1020m], category.Skip(2).SkipLast(1).Select(r => r[9]));
        var byProject = await ExportAsync(app, carrier, new LedgerFilter(2021, "equipment", project));
        Assert.Equal(37.345678m, byProject["资金使用明细表"][^1][9]);
        Assert.Equal(y2021.DisbursedFen, Money.FromWan((decimal)byProject["汇总"][2][4]));
        Assert.Single((await ExportAsync(app, carrier, new LedgerFilter(2020)))["资金使用明细表"].Skip(2).SkipLast(1));
    }

    [Fact]
    public async Task The_page_links_the_export_with_its_filters_and_only_readers_of_the_carrier_reach_it()
    {
        await using var app = await TestApp.StartAsync();
        await SetUpAsync(app);
        var op = await app.ClientAsAsync("hengyang-op");
        var page = await op.GetStringAsync("/Funds?year=2021&category=equipment");
        const string url = "/api/v1/carriers/hengyang/funds/ledger.xlsx?year=2021&amp;category=equipment";
        Assert.Contains($"href=\"{url}\"", page);

        var r = await op.GetAsync(WebUtility.HtmlDecode(url));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(LedgerExport.ContentType, r.Content.Headers.ContentType!.MediaType);
        Assert.Equal("hengyang-funds-ledger-2021.xlsx", r.Content.Headers.ContentDisposition!.FileNameStar ?? r.Content.Headers.ContentDisposition.FileName);
        var sheet = Read(await r.Content.ReadAsByteArrayAsync())["资金使用明细表"];
        Assert.Equal(3, sheet.Count - 3);

        // English UI: English headers and sheet names
        var en = Read(await op.GetByteArrayAsync("/api/v1/carriers/hengyang/funds/ledger.xlsx?culture=en"));
        Assert.Equal(["Ledger", "Summary"], en.Keys);
        Assert.Equal("Amount (10k CNY)", en["Ledger"][1][9]);
        Assert.Equal(6, en["Ledger"].Count - 3);

        // the authority reads its carriers; bad filters are refused naming the field
        var authority = await app.ClientAsAsync("hunan-gxt");
        Assert.Equal(HttpStatusCode.OK, (await authority.GetAsync("/api/v1/carriers/hengyang/funds/ledger.xlsx")).StatusCode);
        var bad = await op.GetAsync("/api/v1/carriers/hengyang/funds/ledger.xlsx?category=nope");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("category", await bad.Content.ReadAsStringAsync());

        // an enterprise user: refused by the policy; another carrier's operator: the carrier is not found
        var sme = await app.ClientAsAsync("sme-tezhijia");
        Assert.Equal(HttpStatusCode.Forbidden, (await sme.GetAsync("/api/v1/carriers/hengyang/funds/ledger.xlsx")).StatusCode);
        await Platform.ScopeAndIdentityTests.SecondCarrierAsync(app);
        var other = await app.ClientAsAsync("zhuzhou-op");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/carriers/hengyang/funds/ledger.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/carriers/zhuzhou/funds/ledger.xlsx")).StatusCode);
    }
}
