using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Tests.Support;

/// <summary>The whole web app in memory on a fresh database (SQLite or PostgreSQL), optionally with the demo data.</summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public TestDatabase Db { get; }
    private readonly bool _demo;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private TestApp(TestDatabase db, bool demo, IReadOnlyDictionary<string, string?>? settings)
    {
        Db = db;
        _demo = demo;
        _settings = settings ?? new Dictionary<string, string?>();
    }

    /// <param name="settings">More configuration for this app (e.g. a certificate).</param>
    public static async Task<TestApp> StartAsync(string provider = Database.Sqlite, bool demo = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var app = new TestApp(db, demo, settings);
        _ = app.Server; // build and run PrepareDatabaseAsync now
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting (not ConfigureAppConfiguration): Program reads the database settings before Build()
        foreach (var (k, v) in Db.Settings) builder.UseSetting(k, v);
        builder.UseSetting("Demo:Seed", _demo ? "true" : "false");
        // every app makes a fresh key ring; its warning, once per app, buried a failing test's message in CI's log
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
    }

    /// <summary>A client that signs in through the API and sends the bearer token.</summary>
    public async Task<HttpClient> ClientAsAsync(string userName, string password = DemoSeed.Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var r = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        r.EnsureSuccessStatusCode();
        var token = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser-like client: signed in through the sign-in form, keeping the cookie, for posting page forms.</summary>
    public async Task<HttpClient> FormClientAsAsync(string userName, string password = DemoSeed.Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var r = await PostFormAsync(client, "/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, r.StatusCode);
        return client;
    }

    /// <summary>Posts a page's form with the antiforgery token of the page at <paramref name="url"/> (read first, as a browser would).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url.Split('?')[0]);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEqual("", token);
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Db.DisposeAsync();
    }
}
