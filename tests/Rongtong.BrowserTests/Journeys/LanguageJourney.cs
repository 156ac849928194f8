using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rongtong.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>Journey 4: switching to English persists across pages and a new sign-in; switching back restores Chinese.</summary>
public sealed class LanguageJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    [Fact]
    public async Task English_persists_across_pages_and_sign_in_and_Chinese_comes_back()
    {
        var page = Page;
        await SignInAsync(page, "hengyang-op");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("nav.main-nav")).ToContainTextAsync("主体库");

        await page.Locator("a.lang").ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/"); // back where we were
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var nav = page.Locator("nav.main-nav");
        await Expect(nav).ToContainTextAsync("Registry");
        await Expect(nav).Not.ToContainTextAsync("主体库");
        await Expect(page.Locator("section.tiles")).ToContainTextAsync("Enterprises");
        await Expect(page.Locator("a.lang")).ToHaveTextAsync("中文");
        await Expect(page.Locator("footer")).ToContainTextAsync("open-source platform");
        await ShotAsync(page, "04-home");

        // the next page is English too, without asking again
        await nav.GetByRole(AriaRole.Link, new() { Name = "Registry" }).ClickAsync();
        await page.WaitForURLAsync("**/Registry/Enterprises");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Registry · Enterprises");
        await Expect(page.Locator("#enterprises thead")).ToContainTextAsync("Credit code");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add enterprise" })).ToBeVisibleAsync();
        await ShotAsync(page, "04-enterprise-list");

        var first = page.Locator("#enterprises tbody tr td:first-child a").First;
        var firstName = await first.InnerTextAsync();
        await first.ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath.StartsWith("/Registry/Enterprises/", StringComparison.Ordinal));
        await Expect(page.Locator("main h1")).ToHaveTextAsync(firstName);
        await Expect(page.Locator("main")).ToContainTextAsync("Master data");
        await Expect(page.Locator("main")).ToContainTextAsync("Yearly figures");
        await ShotAsync(page, "04-enterprise-detail");
        var detailUrl = page.Url;

        // the other pages in English, for the reviewer's eyes
        await page.GetByRole(AriaRole.Link, new() { Name = "File yearly figures" }).First.ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("File yearly figures");
        await ShotAsync(page, "04-figures-form");
        await page.GotoAsync(detailUrl.Split('?')[0].Replace("/Registry/Enterprises/", "/Registry/Enterprises/Edit/"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Edit enterprise");
        await ShotAsync(page, "04-edit-form");
        await page.GotoAsync("/Registry/Enterprises/Edit");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save" }));
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("Please fix the following");
        await ShotAsync(page, "04-add-form-empty-errors");
        foreach (var (url, heading, shot) in new[]
                 {
                     ("/Registry/Carriers", null, "04-carriers"),
                     ("/Admin/Users", "Users and invitations", "04-users"),
                     ("/Admin/Audit", "Audit log", "04-audit"),
                     ("/Registry/Enterprises?Q=%E9%92%A2%E7%AE%A1&Size=Small", "Registry · Enterprises", "04-enterprise-list-filtered"),
                     ("/Registry/Enterprises/does-not-exist", "Page not found", "04-not-found"),
                     ("/Performance", "Performance indicators", "04-performance"),
                     ("/Performance/Indicators/I01", null, "04-indicator"),
                     ("/Performance/Findings", null, "04-findings"),
                     ("/Performance/Catalogue", null, "04-catalogue"),
                     ("/Reports", null, "04-reports"),
                     ("/Funds", "Special fund", "04-funds"),
                     ("/Projects", "Sub-projects", "04-projects"),
                     ("/Projects/1.3-06", null, "04-project-detail"),
                     ("/Integration?year=2021", "Deals between leading enterprises and SMEs", "04-deals"),
                     ("/Integration/Demands", "Demands of leading enterprises", "04-demands"),
                 })
        {
            await page.GotoAsync(url);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            if (heading is not null) await Expect(page.Locator("main h1")).ToHaveTextAsync(heading);
            await ShotAsync(page, shot);
        }

        // the choice is a persistent cookie (a year), and survives signing out and in again
        var cookie = (await Context.CookiesAsync()).Single(c => c.Name == ".Rongtong.Culture");
        Assert.True(DateTimeOffset.FromUnixTimeSeconds((long)cookie.Expires) > DateTimeOffset.UtcNow.AddDays(300), "culture cookie expires too soon");
        await page.GotoAsync("/");
        await SignOutAsync(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Sign in");
        await ShotAsync(page, "04-login");
        await SignInAsync(page, "hengyang-op");
        await Expect(page.Locator("nav.main-nav")).ToContainTextAsync("Registry");
        await Expect(page.Locator("header button.link")).ToHaveTextAsync("Sign out");

        // and back to Chinese, which also persists
        await page.GotoAsync("/Registry/Enterprises");
        await page.Locator("a.lang").ClickAsync();
        await page.WaitForURLAsync("**/Registry/Enterprises");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("主体库 · 企业");
        await Expect(page.Locator("a.lang")).ToHaveTextAsync("English");
        await page.GotoAsync("/");
        await Expect(page.Locator("nav.main-nav")).ToContainTextAsync("主体库");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(CarrierName);
        await ShotAsync(page, "04-home-back-to-chinese");
    }
}
