using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rongtong.Tests.Support;

namespace Rongtong.Tests.Platform;

/// <summary>The error policy at the edges: every API refusal is ProblemDetails, odd input is a named error, never a 500.</summary>
public sealed class ErrorPolicyTests
{
    private static async Task<string?> TitleOf(HttpResponseMessage r, HttpStatusCode status) =>
        (await Problem(r, status)).GetProperty("title").GetString();

    private static async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode status)
    {
        Assert.Equal(status, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The title and the first field error of a problem.</summary>
    private static async Task<(string? Title, (string? Field, string? Rule, string? Message) Error)> ProblemOf(HttpResponseMessage r, HttpStatusCode status)
    {
        var p = await Problem(r, status);
        var e = p.GetProperty("errors")[0];
        return (p.GetProperty("title").GetString(), (e.GetProperty("field").GetString(), e.GetProperty("rule").GetString(), e.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Api_refusals_without_a_body_are_problem_details_in_the_callers_language()
    {
        await using var app = await TestApp.StartAsync();
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal("未登录或登录已过期", await TitleOf(await anonymous.GetAsync("/api/v1/enterprises"), HttpStatusCode.Unauthorized));
        var sme = await app.ClientAsAsync("sme-tezhijia");
        Assert.Equal("Not allowed for your role", await TitleOf(await sme.GetAsync("/api/v1/enterprises?culture=en"), HttpStatusCode.Forbidden));
        Assert.Equal("未找到", await TitleOf(await sme.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound));
        // a body that does not bind names what is wrong, in the caller's language
        var bad = await anonymous.PostAsync("/api/v1/auth/token", new StringContent("{bad", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(("请求格式错误", ("", "json", "请求内容不是有效的 JSON")), await ProblemOf(bad, HttpStatusCode.BadRequest));
        // pages keep their HTML error page
        var page = await sme.GetAsync("/no-such-page");
        Assert.Equal(("text/html", HttpStatusCode.NotFound), (page.Content.Headers.ContentType?.MediaType, page.StatusCode));
    }

    [Fact]
    public async Task A_request_that_does_not_bind_names_the_field_and_what_it_must_be_in_the_callers_language()
    {
        await using var app = await TestApp.StartAsync();
        var op = await app.ClientAsAsync("hengyang-op");
        async Task<(string?, string?, string?)> Send(HttpMethod method, string url, string? json)
        {
            var r = await op.SendAsync(new HttpRequestMessage(method, url)
                { Content = json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json") });
            var (title, error) = await ProblemOf(r, HttpStatusCode.BadRequest);
            Assert.Equal("请求格式错误", title);
            return error;
        }
        Assert.Equal(("creditCode", "type", "“creditCode”应为文本"), await Send(HttpMethod.Post, "/api/v1/enterprises", """{"creditCode":123,"name":"x"}"""));
        Assert.Equal(("chainRole", "type", "“chainRole”应为Leading/Supporting/Upstream/Downstream/Service 之一"),
            await Send(HttpMethod.Post, "/api/v1/enterprises", """{"name":"x","chainRole":"Boss"}"""));
        const string year = "/api/v1/enterprises/91430400MA4Y9998XL/years/2021";
        Assert.Equal(("employees", "type", "“employees”应为整数（且在取值范围内）"), await Send(HttpMethod.Put, year, """{"employees":3000000000}"""));
        Assert.Equal(("revenue", "type", "“revenue”应为数字（且在取值范围内）"), await Send(HttpMethod.Put, year, """{"revenue":"many"}"""));
        Assert.Equal(("", "required", "缺少请求内容（JSON）"), await Send(HttpMethod.Post, "/api/v1/enterprises", null));
        Assert.Equal(("page", "format", "“page”应为整数（且在取值范围内），实为“abc”"), await Send(HttpMethod.Get, "/api/v1/enterprises?page=abc", null));
        var en = await op.GetAsync("/api/v1/enterprises?page=abc&culture=en");
        Assert.Equal(("Malformed request", ("page", "format", "'page' must be a whole number within range, not 'abc'")), await ProblemOf(en, HttpStatusCode.BadRequest));
        // a handler's refusal is in English too (the error handler runs outside the localisation middleware)
        var invalid = await op.PostAsJsonAsync("/api/v1/enterprises?culture=en", new { creditCode = "123", name = "x", industryCode = "C3311" });
        Assert.Equal("Invalid input", (await ProblemOf(invalid, HttpStatusCode.UnprocessableEntity)).Title);
    }

    [Fact]
    public async Task A_form_value_that_does_not_parse_is_named_in_the_users_language_and_nothing_is_saved()
    {
        await using var app = await TestApp.StartAsync();
        var op = await app.FormClientAsAsync("hengyang-op");
        var r = await TestApp.PostFormAsync(op, "/Projects?handler=Create",
            new() { ["Code"] = "T-2", ["Name"] = "测试项目", ["TotalInvestment"] = "abc", ["StartOn"] = "2024-02-31" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());
        Assert.Contains("“总投资”的值“abc”无效", html);
        Assert.Contains("“开工日期”的值“2024-02-31”无效", html);
        Assert.DoesNotContain("is not valid", html);
        await using (var db = app.Db.NewContext())
            Assert.False(await db.SubProjects.AnyAsync(p => p.Code == "T-2"));
        // the sign-in form's own message, not MVC's English [Required] of a non-nullable string
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var login = System.Net.WebUtility.HtmlDecode(await (await TestApp.PostFormAsync(anonymous, "/Account/Login", new() { ["Input.UserName"] = "" })).Content.ReadAsStringAsync());
        Assert.Contains("请输入用户名和密码", login);
        Assert.DoesNotContain("field is required", login);
    }

    [Fact]
    public async Task A_report_year_out_of_range_is_a_named_error_on_the_api_and_the_page()
    {
        await using var app = await TestApp.StartAsync();
        var op = await app.ClientAsAsync("hengyang-op");
        foreach (var year in new[] { 0, 10000 })
        {
            var r = await op.GetAsync($"/api/v1/carriers/hengyang/reports/{year}/report.json?draft=true");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
            var error = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
            Assert.Equal(("year", "range"), (error.GetProperty("field").GetString(), error.GetProperty("rule").GetString()));
        }
        var page = await op.GetAsync("/Reports?year=0");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("年度须在 2000 至 2100 之间", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/%5Cevil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/衡阳", "/")]
    [InlineData("/Registry/Enterprises?q=1", "/Registry/Enterprises?q=1")]
    public async Task The_language_switch_returns_to_a_page_of_this_site_only(string returnUrl, string location)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var r = await client.GetAsync("/lang/en?returnUrl=" + Uri.EscapeDataString(Uri.UnescapeDataString(returnUrl)));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(location, r.Headers.Location?.OriginalString);
    }
}
