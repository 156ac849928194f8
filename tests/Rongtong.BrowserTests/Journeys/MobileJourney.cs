using Microsoft.Playwright;
using Rongtong.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>Journey 8: on a 390×844 phone the pages do not scroll sideways and the burger opens the navigation.</summary>
public sealed class MobileJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    [Fact]
    public async Task Phone_pages_fit_the_width_and_the_burger_opens_the_navigation()
    {
        var page = await (await NewContextAsync(390, 844, mobile: true)).NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await AssertNoSidewaysScrollAsync(page, "login");
        await ShotAsync(page, "08-login");
        await SignInAsync(page, "hengyang-op");

        await Expect(page.Locator("main h1")).ToHaveTextAsync(CarrierName);
        var nav = page.Locator("nav.main-nav");
        var burger = page.Locator("label.nav-burger");
        await Expect(burger).ToBeVisibleAsync();
        await Expect(nav).ToBeHiddenAsync();
        await AssertNoSidewaysScrollAsync(page, "home");
        await ShotAsync(page, "08-home");

        await burger.ClickAsync();
        await Expect(nav).ToBeVisibleAsync();
        var registry = nav.GetByRole(AriaRole.Link, new() { Name = "主体库" });
        await Expect(registry).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "审计日志" })).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "home with the menu open");
        await ShotAsync(page, "08-home-menu-open");

        await registry.ClickAsync();
        await page.WaitForURLAsync("**/Registry/Enterprises");
        await Expect(page.Locator("#enterprises tbody tr")).ToHaveCountAsync(20);
        await Expect(nav).ToBeHiddenAsync(); // a new page starts with the menu closed
        await AssertNoSidewaysScrollAsync(page, "enterprise list");
        await ShotAsync(page, "08-enterprise-list");

        await page.Locator("#enterprises tbody tr td:first-child a").First.ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath.StartsWith("/Registry/Enterprises/", StringComparison.Ordinal));
        await AssertNoSidewaysScrollAsync(page, "enterprise detail");
        await ShotAsync(page, "08-enterprise-detail");

        await page.GotoAsync("/Registry/Enterprises/Edit");
        await AssertNoSidewaysScrollAsync(page, "add enterprise");
        await ShotAsync(page, "08-add-enterprise");

        // wide tables keep readable text columns and scroll inside their box; charts stay large enough to read (the
        // audit log is the last page: its columns are measured below)
        foreach (var (url, name) in new[] { ("/Integration", "deals"), ("/Integration/Demands", "demands"), ("/Performance", "performance"), ("/Funds", "funds"), ("/Admin/Users", "users"), ("/Admin/Audit", "audit") })
        {
            await page.GotoAsync(url);
            await AssertNoSidewaysScrollAsync(page, name);
            await ShotAsync(page, "08-" + name);
        }
        Assert.True((await page.Locator("#audit tbody tr td:nth-child(5)").First.BoundingBoxAsync())!.Width >= 80, "audit: the field column is squeezed");
        await page.GotoAsync("/Admin/Users");
        Assert.True((await page.Locator("#users tbody tr td:nth-child(2)").First.BoundingBoxAsync())!.Width >= 80, "users: the name column is squeezed");
        await page.GotoAsync("/Funds");
        Assert.True((await page.Locator("img.trend").BoundingBoxAsync())!.Width >= 600, "funds: the chart is too small to read");

        // English words are longer: the header and the list must still fit
        await page.Locator("a.lang").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GotoAsync("/");
        await AssertNoSidewaysScrollAsync(page, "home (English)");
        await ShotAsync(page, "08-home");
        await page.GotoAsync("/Registry/Enterprises");
        await AssertNoSidewaysScrollAsync(page, "enterprise list (English)");
        await ShotAsync(page, "08-enterprise-list");
        await page.Locator("label.nav-burger").ClickAsync();
        await Expect(page.Locator("nav.main-nav").GetByRole(AriaRole.Link, new() { Name = "Registry" })).ToBeVisibleAsync();
        await ShotAsync(page, "08-enterprise-list-menu-open");
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        var (scroll, inner) = (await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= inner + 1, $"{what}: the page scrolls sideways (scrollWidth {scroll} > innerWidth {inner})");
    }
}
