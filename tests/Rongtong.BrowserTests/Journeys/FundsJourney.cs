using Rongtong.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Rongtong.BrowserTests.Support;
using Rongtong.Web.Features.Funds;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>The operator records a batch, allocates it to a sub-project, and is refused a disbursement past the allocation.</summary>
public sealed class FundsJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Record_a_batch_allocate_and_be_refused_a_disbursement_past_the_limit()
    {
        await using (var db = Db())
        {
            var carrier = await db.Carriers.SingleAsync(c => c.Code == "hengyang", Ct);
            db.SubProjects.Add(new SubProject { CarrierId = carrier.Id, Code = "P01", Name = "园区中小企业公共服务平台建设项目" });
            await db.SaveChangesAsync(Ct);
        }
        var page = Page;
        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Funds");
        await Expect(page.Locator("#received")).ToHaveTextAsync("4000.00");
        await Expect(page.Locator("#execution")).ToHaveTextAsync("85%");

        var receive = page.Locator("#receive-form");
        await receive.Locator("select[name=source]").SelectOptionAsync("Municipal");
        await receive.Locator("input[name=documentNo]").FillAsync("衡财企指〔2021〕12号");
        await receive.Locator("input[name=receivedOn]").FillAsync("2021-03-15");
        await receive.Locator("input[name=amount]").FillAsync("200");
        await SubmitAsync(page, receive.Locator("button"));
        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("已记账");
        await Expect(page.Locator("#batches")).ToContainTextAsync("衡财企指〔2021〕12号");
        await Expect(page.Locator("#received")).ToHaveTextAsync("4200.00");

        var allocate = page.Locator("#allocate-form");
        await allocate.Locator("select[name=fundId]").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "市级财政资金（可分配 200.00万元）" });
        await allocate.Locator("select[name=subProjectId]").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "P01 园区中小企业公共服务平台建设项目" });
        await allocate.Locator("select[name=category]").SelectOptionAsync("equipment");
        await allocate.Locator("input[name=amount]").FillAsync("150");
        await SubmitAsync(page, allocate.Locator("button"));
        await Expect(page.Locator("#allocations")).ToContainTextAsync("园区中小企业公共服务平台建设项目");

        var disburse = page.Locator("#disburse-form");
        await disburse.Locator("select[name=allocationId]").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Index = 2 });
        await disburse.Locator("input[name=amount]").FillAsync("150.01");
        await disburse.Locator("input[name=voucherNo]").FillAsync("记-2021-031");
        await SubmitAsync(page, disburse.Locator("button"));
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("拨付 150.01万元 将超出分配额：分配 150.00万元，已拨付 0.00万元，超出 0.01万元");
        await Expect(disburse.Locator("input[name=voucherNo]")).ToHaveValueAsync("记-2021-031"); // nothing typed is lost
        await ShotAsync(page, "21-disbursement-refused");
        // an amount finer than 1 分 is reported together with the entry's other wrong fields
        await disburse.Locator("input[name=amount]").FillAsync("1.0000001");
        await disburse.Locator("input[name=scheduledOn]").FillAsync("1999-01-01");
        await SubmitAsync(page, disburse.Locator("button"));
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("金额最多精确到分");
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("计划拨付日期须在 2000-01-01 至");
        await disburse.Locator("input[name=scheduledOn]").FillAsync("");

        await disburse.Locator("select[name=allocationId]").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Index = 2 });
        await disburse.Locator("input[name=amount]").FillAsync("120");
        await disburse.Locator("input[name=purpose]").FillAsync("采购超融合一体机");
        // the payee is typed, not picked from a list of the whole registry: an unknown name is refused by name, keeping it
        var payee = disburse.Locator("input[name=payee]");
        await payee.FillAsync("衡阳不存在的公司");
        await SubmitAsync(page, disburse.Locator("button"));
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("收款单位：本载体主体库中没有名为“衡阳不存在的公司”的单位");
        await Expect(payee).ToHaveValueAsync("衡阳不存在的公司");
        await Expect(disburse.Locator("select[name=allocationId] option").Nth(2)).ToHaveJSPropertyAsync("selected", true); // the allocation chosen is kept
        await ShotAsync(page, "21-payee-refused");
        // typing asks the registry search for suggestions, which replace the first ones: "name（credit code）"
        await payee.FillAsync("宏诚");
        var suggestion = page.Locator("#payee-suggestions option");
        await Expect(suggestion).ToHaveCountAsync(1);
        var label = await suggestion.GetAttributeAsync("value") ?? "";
        Assert.Matches("^湖南宏诚投资咨询有限公司（[0-9A-Z]{18}）$", label);
        await payee.FillAsync(label);
        await disburse.Locator("input[name=proof]").SetInputFilesAsync(new Microsoft.Playwright.FilePayload { Name = "发票.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await SubmitAsync(page, disburse.Locator("button"));
        await Expect(page.Locator("#ledger")).ToContainTextAsync("采购超融合一体机");
        var proof = page.Locator("#ledger a", new() { HasText = "发票.pdf" });
        var download = await page.Context.APIRequest.GetAsync(await proof.GetAttributeAsync("href") ?? "");
        Assert.Equal(("application/pdf", "%PDF-1.4\n%%EOF\n"), (download.Headers["content-type"], await download.TextAsync()));
        await Expect(page.Locator("#disbursed")).ToHaveTextAsync("3520.00");
        await Expect(page.Locator("#ledger")).ToContainTextAsync("湖南宏诚投资咨询有限公司");

        // amendments keep their history; one below what was disbursed is refused by how much, keeping what was typed
        var row = page.Locator("#allocations tr", new() { HasText = "园区中小企业公共服务平台建设项目" });
        await row.Locator("details summary").ClickAsync();
        var amend = row.Locator("form.amend-form");
        await amend.Locator("input[name=delta]").FillAsync("-30.01");
        await amend.Locator("input[name=reason]").FillAsync("设备价格下降");
        await SubmitAsync(page, amend.Locator("button"));
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("差 0.01万元");
        row = page.Locator("#allocations tr", new() { HasText = "园区中小企业公共服务平台建设项目" });
        await Expect(row.Locator("input[name=reason]")).ToHaveValueAsync("设备价格下降");
        await row.Locator("input[name=delta]").FillAsync("-30");
        await SubmitAsync(page, row.Locator("form.amend-form button"));
        row = page.Locator("#allocations tr", new() { HasText = "园区中小企业公共服务平台建设项目" });
        await Expect(row.Locator("td.num").First).ToHaveTextAsync("120.00万元");
        await Expect(row.Locator("details summary")).ToHaveTextAsync("调整记录（2）");
        await Expect(page.Locator("#by-source tr", new() { HasText = "市级财政资金" })).ToContainTextAsync("200.00万元");

        // the ledger filtered by fund source: only the municipal fund's disbursement
        await page.Locator("form.filters select[name=source]").SelectOptionAsync("Municipal");
        await SubmitAsync(page, page.Locator("form.filters button[type=submit]"));
        await Expect(page.Locator("#ledger tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#ledger-export")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("source=Municipal"));
        await ShotAsync(page, "21-funds-after");
        await using (var db = Db())
            Assert.Equal(Money.FromWan(120), await db.Allocations.Where(a => a.Category == "equipment").SumAsync(a => a.DisbursedFen, Ct));
    }
}
