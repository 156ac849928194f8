using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rongtong.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>Journey 9: searching the enterprise list by a word of the name, and by a credit code.</summary>
public sealed class SearchJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Searching_for_a_word_lists_only_enterprises_whose_name_contains_it_on_every_page()
    {
        var page = Page;
        int expected;
        await using (var db = Db()) expected = await db.Enterprises.CountAsync(e => e.Name.Contains("钢管"), Ct);
        Assert.True(expected > 20, $"the demo data should fill more than one page, has {expected}"); // so paging is covered

        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Registry/Enterprises");
        var totalAll = await page.Locator("#total").InnerTextAsync();
        await ShotAsync(page, "09-enterprise-list");

        await page.FillAsync("input[name=Q]", "钢管");
        await page.Locator("input[name=Q]").PressAsync("Enter");
        await page.WaitForURLAsync("**/Registry/Enterprises?*Q=*");
        await Expect(page.Locator("input[name=Q]")).ToHaveValueAsync("钢管");
        await Expect(page.Locator("#total")).ToHaveTextAsync(expected.ToString("N0"));
        Assert.NotEqual(totalAll, await page.Locator("#total").InnerTextAsync());
        await ShotAsync(page, "09-search-gangguan");

        var names = new List<string>();
        for (var pageNo = 1; ; pageNo++)
        {
            var rows = page.Locator("#enterprises tbody tr td:first-child a");
            Assert.True(await rows.CountAsync() > 0, $"page {pageNo} is empty");
            names.AddRange(await rows.AllInnerTextsAsync());
            var next = page.Locator("nav.pager a", new() { HasText = "下一页" });
            if (await next.CountAsync() == 0) break;
            await next.ClickAsync();
            await page.WaitForURLAsync($"**p={pageNo + 1}*");
            await Expect(page.Locator("input[name=Q]")).ToHaveValueAsync("钢管"); // the search is kept while paging
        }
        Assert.All(names, n => Assert.Contains("钢管", n));
        Assert.Equal(expected, names.Count);
        Assert.Equal(expected, names.Distinct().Count());

        // a credit code finds exactly its enterprise
        string code, name;
        await using (var db = Db())
            (code, name) = await db.Enterprises.Where(e => e.Name == "衡阳华菱钢管有限公司").Select(e => ValueTuple.Create(e.CreditCode, e.Name)).SingleAsync(Ct);
        await page.FillAsync("input[name=Q]", code.ToLowerInvariant());
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "查询" }));
        await Expect(page.Locator("#enterprises tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#enterprises tbody tr td:first-child a")).ToHaveTextAsync(name);

        // and a word nobody has says so
        await page.FillAsync("input[name=Q]", "不存在的企业名称");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "查询" }));
        await Expect(page.Locator("#enterprises tbody")).ToContainTextAsync("没有符合条件的企业");
        await ShotAsync(page, "09-search-no-match");
    }
}
