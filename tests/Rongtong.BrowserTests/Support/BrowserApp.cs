using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Tests.Support;
using Rongtong.Web.Platform.Data;

namespace Rongtong.BrowserTests.Support;

/// <summary>
/// The real app on Kestrel (a real port on 127.0.0.1) with a fresh SQLite database holding the demo data.
/// One per journey class (class fixture), so that journeys that change data or lock accounts do not meet.
/// The demo data is seeded once per run into a template file, which each app gets a copy of (seeding takes ~10 s).
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly Lazy<Task<string>> Template = new(BuildTemplateAsync);

    public TestDatabase Db { get; private set; } = null!;

    /// <summary>e.g. http://127.0.0.1:40123 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var template = await Template.Value;
        Db = await TestDatabase.CreateAsync(Database.Sqlite);
        // this file's pool only (ClearAllPools can dispose a connection another journey is opening: TestDatabase)
        using (var c = new SqliteConnection(Db.ConnectionString)) SqliteConnection.ClearPool(c);
        var file = new SqliteConnectionStringBuilder(Db.ConnectionString).DataSource;
        foreach (var f in new[] { file + "-wal", file + "-shm" }) File.Delete(f);
        File.Copy(template, file, overwrite: true);

        UseKestrel(0);
        StartServer(); // builds the host and runs PrepareDatabaseAsync (migrations and demo seed: nothing left to do)
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = $"http://127.0.0.1:{new Uri(address).Port}";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder, Db);

    private static void Configure(IWebHostBuilder builder, TestDatabase db)
    {
        builder.UseEnvironment("Testing");
        // UseSetting (not ConfigureAppConfiguration): Program reads the database settings before Build()
        foreach (var (k, v) in db.Settings) builder.UseSetting(k, v);
        builder.UseSetting("Demo:Seed", "true");
    }

    /// <summary>Starts the app once (in memory) on a new database to seed the demo data, and keeps a compact copy.</summary>
    private static async Task<string> BuildTemplateAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rongtong-browser-template-{Guid.NewGuid():N}.db");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        await using var db = await TestDatabase.CreateAsync(Database.Sqlite);
        await using (var seeding = new WebApplicationFactory<Program>().WithWebHostBuilder(b => Configure(b, db)))
        {
            _ = seeding.Server;
        }
        await using var conn = new SqliteConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "VACUUM INTO $path";
        cmd.Parameters.AddWithValue("$path", path);
        await cmd.ExecuteNonQueryAsync();
        return path;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Db is not null) await Db.DisposeAsync();
    }
}
