using Microsoft.Playwright;
using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Platform.Data;

namespace Rongtong.BrowserTests.Support;

/// <summary>
/// Base of a journey class: the shared browser, this class's app, and a fresh browser context per test
/// (desktop 1280×800, zh-CN) with helpers to sign in and take screenshots.
/// </summary>
public abstract class Journey(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public const string CarrierName = "衡阳高新区大中小企业融通型特色载体";
    public const string TezhijiaName = "湖南特致珈物联科技有限公司";
    public const string ChanghongName = "湖南长宏锅炉科技股份有限公司";

    protected BrowserApp App { get; } = app;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;
    private readonly List<IBrowserContext> _contexts = [];

    public async ValueTask InitializeAsync()
    {
        Context = await NewContextAsync();
        Page = await Context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            var name = TestContext.Current.Test?.TestDisplayName.Split('.').Last() ?? "test";
            var n = 0;
            foreach (var p in _contexts.SelectMany(c => c.Pages))
                try { await ShotAsync(p, $"FAILED-{name}-{++n}"); } catch (PlaywrightException) { }
        }
        foreach (var c in _contexts) await c.CloseAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A fresh browser context (own cookies) on this class's app; desktop unless a viewport is given.</summary>
    protected async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800, bool mobile = false)
    {
        var c = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
            DeviceScaleFactor = mobile ? 2 : 1,
        });
        c.SetDefaultTimeout(15_000);
        c.SetDefaultNavigationTimeout(20_000);
        _contexts.Add(c);
        return c;
    }

    protected RongtongDb Db() => App.Db.NewContext();

    protected static Task<string> ShotAsync(IPage page, string name) => Screenshots.TakeAsync(page, name);

    /// <summary>Signs in through the login form; waits until the browser has left the login page.</summary>
    protected static async Task SignInAsync(IPage page, string userName, string password = DemoSeed.Password)
    {
        await SubmitLoginAsync(page, userName, password);
        await page.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Fills and submits the login form and waits for the answer (success or not).</summary>
    protected static async Task SubmitLoginAsync(IPage page, string userName, string password)
    {
        if (!page.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase)) await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_UserName", userName);
        await page.FillAsync("#Input_Password", password);
        await SubmitAsync(page, page.Locator("main form button[type=submit]"));
    }

    /// <summary>
    /// Clicks a button that submits a form (or a link) and waits until the resulting page, after any redirect, has
    /// loaded. WaitForURL cannot do this when a failed post answers on the same URL, hence the navigation wait.
    /// </summary>
    protected static async Task SubmitAsync(IPage page, ILocator button)
    {
#pragma warning disable CS0612 // obsolete in favour of WaitForURL, which cannot see a same-URL answer
        await page.RunAndWaitForNavigationAsync(() => button.ClickAsync());
#pragma warning restore CS0612
    }

    /// <summary>
    /// Signs out with the header's 退出 button. Known app bug (see <see cref="SignInJourney"/>'s skipped test): the
    /// header form posts without an antiforgery token and gets 400; then this falls back to dropping the sign-in
    /// cookie (keeping the language cookie), so that the journeys can go on. Once the layout is fixed the fallback
    /// is never taken.
    /// </summary>
    protected static async Task SignOutAsync(IPage page)
    {
        await SubmitAsync(page, page.Locator("header form[action='/Account/Logout'] button"));
        await page.WaitForURLAsync("**/Account/Login**");
    }

    /// <summary>Opens a URL as if typed in the address bar; returns the HTTP status of the answer.</summary>
    protected static async Task<int> TypeUrlAsync(IPage page, string url)
    {
        var r = await page.GotoAsync(url);
        return r?.Status ?? 0;
    }

    /// <summary>The visible text of the main area (without header and footer).</summary>
    protected static Task<string> MainTextAsync(IPage page) => page.Locator("main").InnerTextAsync();
}
