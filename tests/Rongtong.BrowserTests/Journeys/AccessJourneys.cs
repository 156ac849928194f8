using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rongtong.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>Journeys 5 and 6: what an enterprise user and the provincial authority may and may not open.</summary>
public sealed class AccessJourneys(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Enterprise_user_sees_only_its_own_enterprise_and_gets_404_for_another_by_typed_url()
    {
        var page = Page;
        string own, other;
        await using (var db = Db())
        {
            own = await db.Enterprises.Where(e => e.Name == TezhijiaName).Select(e => e.CreditCode).SingleAsync(Ct);
            other = await db.Enterprises.Where(e => e.Name == ChanghongName).Select(e => e.CreditCode).SingleAsync(Ct);
        }

        await SignInAsync(page, "sme-tezhijia");
        await Expect(page.Locator(".alert.info")).ToContainTextAsync(TezhijiaName);
        var nav = page.Locator("nav.main-nav");
        await Expect(nav).ToContainTextAsync("本企业");
        await Expect(nav).Not.ToContainTextAsync("主体库");
        await Expect(page.Locator("section.tiles")).ToHaveCountAsync(0); // no registry figures
        await ShotAsync(page, "05-home-enterprise-user");

        await nav.GetByRole(AriaRole.Link, new() { Name = "本企业" }).ClickAsync();
        await page.WaitForURLAsync("**/Registry/Enterprises/*");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(TezhijiaName);
        await Expect(page.Locator(".page-head .code")).ToHaveTextAsync(own);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "填报年度数据" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "编辑", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.Locator("#years tbody tr")).ToHaveCountAsync(4);
        await ShotAsync(page, "05-own-enterprise-detail");

        Assert.Equal(200, await TypeUrlAsync(page, $"/Registry/Enterprises/{own}/Figures/2021"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("填报年度数据");
        await Expect(page.Locator("#Input_Year")).ToHaveValueAsync("2021");
        await ShotAsync(page, "05-own-figures-2021");

        // someone else's enterprise, by editing the address bar: 404, and none of its data
        Assert.Equal(404, await TypeUrlAsync(page, $"/Registry/Enterprises/{other}"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("页面不存在");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(ChanghongName);
        await Expect(page.Locator("body")).Not.ToContainTextAsync("长宏");
        await ShotAsync(page, "05-other-enterprise-404");

        Assert.Equal(404, await TypeUrlAsync(page, $"/Registry/Enterprises/{other}/Figures/2021"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("页面不存在");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("长宏");
        await Expect(page.Locator("form input[name='Input.Employees']")).ToHaveCountAsync(0);

        // the registry list is not for enterprise users at all
        await TypeUrlAsync(page, "/Registry/Enterprises");
        Assert.Contains("/Account/AccessDenied", page.Url);
        await Expect(page.Locator("main h1")).ToHaveTextAsync("无权访问");
        await Expect(page.Locator("#enterprises")).ToHaveCountAsync(0);
        await ShotAsync(page, "05-registry-list-access-denied");

        // nor is editing, even of its own enterprise
        await TypeUrlAsync(page, $"/Registry/Enterprises/Edit/{own}");
        Assert.Contains("/Account/AccessDenied", page.Url);
    }

    [Fact]
    public async Task Authority_reads_the_registry_but_cannot_add_or_edit()
    {
        var page = Page;
        await SignInAsync(page, "hunan-gxt");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(CarrierName);
        var nav = page.Locator("nav.main-nav");
        await Expect(nav).ToContainTextAsync("主体库");
        await Expect(nav).ToContainTextAsync("审计日志");
        await Expect(nav).Not.ToContainTextAsync("用户");
        await Expect(nav).Not.ToContainTextAsync("导入导出");
        await ShotAsync(page, "06-home-authority");

        await nav.GetByRole(AriaRole.Link, new() { Name = "主体库" }).ClickAsync();
        await page.WaitForURLAsync("**/Registry/Enterprises");
        await Expect(page.Locator("#enterprises tbody tr")).ToHaveCountAsync(20);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "新增企业" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "导入/导出" })).ToHaveCountAsync(0);
        await ShotAsync(page, "06-enterprise-list-authority");

        await page.Locator("#enterprises tbody tr td:first-child a").First.ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath.StartsWith("/Registry/Enterprises/", StringComparison.Ordinal));
        var code = await page.Locator(".page-head .code").InnerTextAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "编辑", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "填报年度数据" })).ToHaveCountAsync(0);
        await Expect(page.Locator("details summary", new() { HasText = "添加资质" })).ToHaveCountAsync(0);
        await ShotAsync(page, "06-enterprise-detail-authority");

        foreach (var url in new[] { "/Registry/Enterprises/Edit", $"/Registry/Enterprises/Edit/{code}", $"/Registry/Enterprises/{code}/Figures/2021", "/Admin/Users" })
        {
            var status = await TypeUrlAsync(page, url);
            var denied = page.Url.Contains("/Account/AccessDenied") || status is 403 or 404;
            Assert.True(denied, $"{url}: status {status}, landed on {page.Url}");
            await Expect(page.Locator("main h1")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(无权访问|页面不存在)$"));
            await Expect(page.Locator("main form[method=post]")).ToHaveCountAsync(0);
        }
        await TypeUrlAsync(page, "/Registry/Enterprises/Edit");
        await ShotAsync(page, "06-add-enterprise-access-denied");

        await TypeUrlAsync(page, "/Registry/Carriers");
        await ShotAsync(page, "06-carriers");
        await TypeUrlAsync(page, "/Admin/Audit");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("审计日志");
        await ShotAsync(page, "06-audit-authority");
    }
}
