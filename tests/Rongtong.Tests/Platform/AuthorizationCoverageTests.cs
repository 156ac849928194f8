using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Tests.Support;

namespace Rongtong.Tests.Platform;

public sealed class AuthorizationCoverageTests
{
    /// <summary>Every page and endpoint must name a policy or be explicitly anonymous; the fallback policy is not enough.</summary>
    [Fact]
    public async Task Every_endpoint_declares_who_may_use_it()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 15, $"only {endpoints.Count} endpoints found");
        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();
        Assert.True(undeclared.Count == 0, "endpoints without an authorisation declaration: " + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task Anonymous_requests_to_pages_and_api_are_refused()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var page = await client.GetAsync("/Registry/Enterprises");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery);
        var api = await client.GetAsync("/api/v1/enterprises");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Metrics_are_for_this_machine_the_configured_networks_and_signed_in_operators_only()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["Metrics:AllowFrom"] = "10.0.0.0/8, fd00::/8" });
        async Task<int> From(string ip) => (await app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip);
        })).Response.StatusCode;
        Assert.Equal(200, await From("127.0.0.1"));
        Assert.Equal(200, await From("::ffff:10.1.2.3"));
        Assert.Equal(200, await From("fd00::5"));
        Assert.NotEqual(200, await From("203.0.113.9"));
        Assert.NotEqual(200, await From("192.168.1.10"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await (await app.ClientAsAsync("hengyang-op")).GetAsync("/metrics")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await (await app.ClientAsAsync("sme-tezhijia")).GetAsync("/metrics")).StatusCode);
    }

    /// <summary>The layout's sign-out form carries no antiforgery token, so sign-out must refuse another site's POST.</summary>
    [Fact]
    public async Task Sign_out_from_another_site_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        var client = await app.ClientAsAsync("hengyang-op");
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout") { Content = new FormUrlEncodedContent([]) };
        foreign.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.SendAsync(foreign)).StatusCode);
        using var none = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout") { Content = new FormUrlEncodedContent([]) };
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.SendAsync(none)).StatusCode);
        using var own = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout") { Content = new FormUrlEncodedContent([]) };
        own.Headers.Add("Origin", "http://localhost");
        var ok = await client.SendAsync(own);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/Account/Login", ok.Headers.Location!.OriginalString);
    }
}
