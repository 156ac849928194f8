using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rongtong.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>Journey 1: the operator signs in; wrong passwords are refused and the fifth locks the account.</summary>
public sealed class SignInJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    [Fact]
    public async Task Operator_signs_in_sees_the_carrier_and_is_locked_out_after_five_wrong_passwords()
    {
        var page = Page;
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/Account/Login?ReturnUrl=*"); // anonymous → login
        await Expect(page.Locator("main h1")).ToHaveTextAsync("登录");
        await ShotAsync(page, "01-login");

        await SignInAsync(page, "hengyang-op");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(CarrierName);
        var tiles = page.Locator("section.tiles .tile");
        Assert.Equal(8, await tiles.CountAsync());
        await Expect(tiles.First).ToContainTextAsync("登记企业");
        await using (var db = Db())
        {
            var count = await db.Enterprises.CountAsync(TestContext.Current.CancellationToken);
            await Expect(tiles.First.Locator("b")).ToHaveTextAsync(count.ToString());
        }
        await Expect(page.Locator("nav.main-nav")).ToContainTextAsync("主体库");
        await ShotAsync(page, "01-home-operator");
        await SignOutAsync(page);

        // wrong password: refused with the generic message, nothing reveals whether the user exists
        await SubmitLoginAsync(page, "hengyang-op", "wrong-password-1");
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("用户名或密码错误");
        await Expect(page.Locator("#form-errors")).Not.ToContainTextAsync("锁定");
        await ShotAsync(page, "01-login-wrong-password");

        for (var i = 2; i <= 5; i++)
        {
            await SubmitLoginAsync(page, "hengyang-op", $"wrong-password-{i}");
        }
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("锁定");
        await ShotAsync(page, "01-login-locked");

        // the right password no longer helps while the lock lasts
        await SubmitLoginAsync(page, "hengyang-op", Rongtong.Web.Features.Registry.Demo.DemoSeed.Password);
        Assert.Contains("/Account/Login", page.Url);
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("锁定");
        await using (var db = Db())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "hengyang-op", TestContext.Current.CancellationToken);
            Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10), $"lockout end {user.LockoutEnd}");
        }
    }

    /// <summary>The header's sign-out form posts with its antiforgery token and ends the session.</summary>
    [Fact]
    public async Task Sign_out_in_the_header_returns_to_the_login_page_and_ends_the_session()
    {
        var page = Page;
        // not hengyang-op: the lockout journey of this class locks that account in the shared app
        await SignInAsync(page, "hunan-gxt");
        await SubmitAsync(page, page.Locator("header form[action='/Account/Logout'] button"));
        Assert.Contains("/Account/Login", page.Url);
        await Expect(page.Locator("main h1")).ToHaveTextAsync("登录");
        await page.GotoAsync("/Registry/Enterprises");
        Assert.Contains("/Account/Login", page.Url); // the session is over
    }
}
