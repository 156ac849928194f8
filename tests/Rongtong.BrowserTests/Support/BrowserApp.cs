using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Tests.Support;
using Rongtong.Web.Platform.Data;

namespace Rongtong.BrowserTests.Support;

/// <summary>
/// The real app on Kestrel (a real port on 127.0.0.1) with a fresh SQLite database holding the demo data.
/// One per journey class (class fixture), so that journeys that change data or lock accounts do not meet.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = null!;

    /// <summary>e.g. http://127.0.0.1:40123 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(Database.Sqlite);
        UseKestrel(0);
        StartServer(); // builds the host and runs PrepareDatabaseAsync (migrations + demo seed)
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "localhost").Replace("+", "localhost").Replace("*", "localhost")).Port;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting (not ConfigureAppConfiguration): Program reads the database settings before Build()
        foreach (var (k, v) in Db.Settings) builder.UseSetting(k, v);
        builder.UseSetting("Demo:Seed", "true");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Db is not null) await Db.DisposeAsync();
    }
}
