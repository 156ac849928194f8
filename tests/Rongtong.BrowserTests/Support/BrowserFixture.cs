using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Rongtong.BrowserTests.Support.BrowserFixture))]

namespace Rongtong.BrowserTests.Support;

/// <summary>
/// One headless Debian Chromium for the whole run (each test gets its own context). Never downloads a browser:
/// Playwright drives /usr/bin/chromium (test.sh installs the Debian package), or RONGTONG_CHROMIUM if set.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var exe = Environment.GetEnvironmentVariable("RONGTONG_CHROMIUM") is { Length: > 0 } e ? e : "/usr/bin/chromium";
        if (!File.Exists(exe))
            throw new InvalidOperationException($"Chromium not found at {exe}: install Debian's package (apt-get install chromium) or run test.sh as root.");
        Screenshots.Reset();
        Assertions.SetDefaultExpectTimeout(15_000); // the machine may be busy: allow as long as for actions
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = exe,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
    }
}
