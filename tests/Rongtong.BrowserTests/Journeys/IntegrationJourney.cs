using Microsoft.EntityFrameworkCore;
using Rongtong.BrowserTests.Support;
using Rongtong.Web.Features.Integration;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>
/// An SME records a deal with its leading enterprise (a wrong amount first, refused with nothing lost); the deal waits
/// for the leading enterprise, whose user confirms it; the operator sees the year's total move and voids the deal
/// with a reason.
/// </summary>
public sealed class IntegrationJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_sme_records_a_deal_its_leading_enterprise_confirms_and_the_operator_voids()
    {
        var page = Page;
        await SignInAsync(page, "sme-changhong");
        await page.GotoAsync("/Integration");
        await Expect(page.Locator("h1")).ToHaveTextAsync("融通交易");
        var form = page.Locator("#deal-form");
        await page.Locator("details:has(#deal-form) summary").ClickAsync();
        await Expect(form.Locator("input[readonly]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^湖南长宏锅炉科技股份有限公司（"));
        var leaders = await page.Locator("#Leading-suggestions option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Equal(16, leaders.Length); // the carrier's leading enterprises, the two chain leaders and 14 outside the zone
        Assert.Contains(leaders, l => l.StartsWith("衡阳华菱钢管有限公司（", StringComparison.Ordinal));
        await form.Locator("input[name=Leading]").FillAsync("衡阳华菱钢管有限公司");
        await form.Locator("select[name=Kind]").SelectOptionAsync("Technology");
        await form.Locator("input[name=Subject]").FillAsync("管端螺纹检测技术合作");
        await form.Locator("input[name=ContractNo]").FillAsync("HG-JS-2022-03");
        await form.Locator("input[name=SignedOn]").FillAsync("2022-03-15");
        await form.Locator("input[name=Amount]").FillAsync("八十");
        await SubmitAsync(page, form.Locator("button[type=submit]"));
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("金额");
        await Expect(form.Locator("input[name=Subject]")).ToHaveValueAsync("管端螺纹检测技术合作"); // nothing typed is lost
        await using (var db = Db())
            Assert.False(await db.Deals.AnyAsync(d => d.ContractNo == "HG-JS-2022-03", Ct));

        await form.Locator("input[name=Amount]").FillAsync("86.5");
        await SubmitAsync(page, form.Locator("button[type=submit]"));
        await Expect(page.Locator(".alert.ok")).ToBeVisibleAsync();
        var row = page.Locator("#deals tr", new() { HasText = "HG-JS-2022-03" });
        await Expect(row).ToContainTextAsync("待龙头企业确认");
        await Expect(row.Locator("button", new() { HasText = "确认" })).ToHaveCountAsync(0); // the SME cannot confirm its own record
        await Expect(page.Locator("#deal-years tr", new() { HasText = "2022" }).Locator("td").Nth(1)).ToHaveTextAsync("0"); // not counted yet
        await ShotAsync(page, "24-deals-sme");
        await SignOutAsync(page);

        await SignInAsync(page, "hengang");
        await page.GotoAsync("/Integration?year=2022");
        row = page.Locator("#deals tr", new() { HasText = "HG-JS-2022-03" });
        await SubmitAsync(page, row.Locator("button", new() { HasText = "确认" }));
        await Expect(page.Locator("#deals tr", new() { HasText = "HG-JS-2022-03" })).ToContainTextAsync("已确认");
        await SignOutAsync(page);

        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Integration?year=2022");
        await Expect(page.Locator("#deal-years tr", new() { HasText = "2022" }).Locator("td").Nth(1)).ToHaveTextAsync("86.5");
        await Expect(page.Locator("#deal-years tr", new() { HasText = "2020" }).Locator("td").Nth(1)).ToHaveTextAsync("2,903");
        row = page.Locator("#deals tr", new() { HasText = "HG-JS-2022-03" });
        await row.Locator("summary").ClickAsync();
        await SubmitAsync(page, row.Locator("button", new() { HasText = "作废" }));
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("请填写作废原因");
        row = page.Locator("#deals tr", new() { HasText = "HG-JS-2022-03" });
        await row.Locator("input[name=reason]").FillAsync("合同已解除");
        await SubmitAsync(page, row.Locator("button", new() { HasText = "作废" }));
        await Expect(page.Locator("#deals tr", new() { HasText = "HG-JS-2022-03" })).ToContainTextAsync("合同已解除");
        await page.GotoAsync("/Integration");
        await ShotAsync(page, "25-deals-operator");
        await using (var db = Db())
            Assert.Equal(DealState.Voided, (await db.Deals.SingleAsync(d => d.ContractNo == "HG-JS-2022-03", Ct)).State);
    }
}
