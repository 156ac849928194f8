using Microsoft.EntityFrameworkCore;
using Rongtong.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>
/// 发榜 → 审核 → 揭榜 → 选定: the leading enterprise posts a demand, the operator publishes it, an SME answers (an
/// empty quote first, refused with nothing lost), and the leading enterprise selects the answer, which appears among
/// the deals as confirmed.
/// </summary>
public sealed class DemandJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_demand_is_posted_published_answered_and_selected()
    {
        var page = Page;
        var deadline = DateTime.UtcNow.AddHours(8).AddDays(20).ToString("yyyy-MM-dd");
        await SignInAsync(page, "hengang");
        await page.GotoAsync("/Integration/Demands");
        await page.Locator("details:has(#demand-form) summary").ClickAsync();
        var form = page.Locator("#demand-form");
        await form.Locator("input[name=Title]").FillAsync("变压器配件表面处理产能协作");
        await form.Locator("select[name=Kind]").SelectOptionAsync("Capacity");
        await form.Locator("input[name=Budget]").FillAsync("60");
        await form.Locator("input[name=Deadline]").FillAsync(deadline);
        await form.Locator("textarea[name=Description]").FillAsync("每月约2000件油箱配件喷涂，需具备环保资质。");
        await SubmitAsync(page, form.Locator("button[type=submit]"));
        await Expect(page.Locator(".alert.ok")).ToBeVisibleAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("变压器配件表面处理产能协作");
        var url = page.Url.Split('?')[0];
        await SignOutAsync(page);

        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync(url);
        await SubmitAsync(page, page.Locator("#review-form button[type=submit]"));
        await Expect(page.Locator("main .page-head")).ToContainTextAsync("揭榜中");
        await SignOutAsync(page);

        await SignInAsync(page, "sme-tezhijia");
        await page.GotoAsync("/Integration/Demands");
        await Expect(page.Locator("#demands")).ToContainTextAsync("变压器配件表面处理产能协作");
        await ShotAsync(page, "26-demands-sme");
        await page.GotoAsync(url);
        var answer = page.Locator("#answer-form");
        await answer.Locator("textarea[name=Proposal]").FillAsync("静电粉末喷涂线一条，月产能3000件，已获排污许可。");
        await answer.Locator("input[name=Price]").FillAsync("五十五");
        await SubmitAsync(page, answer.Locator("button[type=submit]"));
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("报价");
        await Expect(answer.Locator("textarea[name=Proposal]")).ToHaveValueAsync("静电粉末喷涂线一条，月产能3000件，已获排污许可。"); // nothing typed is lost
        await answer.Locator("input[name=Price]").FillAsync("55");
        await SubmitAsync(page, answer.Locator("button[type=submit]"));
        await Expect(page.Locator("#answers")).ToContainTextAsync("已揭榜");
        await Expect(page.Locator("#answer-form")).ToHaveCountAsync(0); // answered once
        await SignOutAsync(page);

        await SignInAsync(page, "hengang");
        await page.GotoAsync(url);
        var select = page.Locator("#select-form");
        await select.Locator("input[name=ContractNo]").FillAsync("TB-XZ-2026-01");
        await ShotAsync(page, "27-demand-select");
        await SubmitAsync(page, select.Locator("button[type=submit]"));
        await Expect(page.Locator("#answers")).ToContainTextAsync("已选定");
        await Expect(page.Locator("main .page-head")).ToContainTextAsync("已关闭");
        await page.GotoAsync("/Integration");
        await Expect(page.Locator("#deals tr", new() { HasText = "TB-XZ-2026-01" })).ToContainTextAsync("已确认");
        await using var db = Db();
        var deal = await db.Deals.SingleAsync(d => d.ContractNo == "TB-XZ-2026-01", Ct);
        Assert.Equal(55_000_000L, deal.AmountFen);
    }
}
