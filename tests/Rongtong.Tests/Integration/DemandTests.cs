using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rongtong.Tests.Support;

namespace Rongtong.Tests.Integration;

/// <summary>发榜 and 揭榜 through the API: a demand reviewed, answered and selected, the selection a deal (SQLite and PostgreSQL).</summary>
public sealed class DemandTests
{
    private const string Base = "/api/v1/carriers/hengyang";
    private static readonly string Soon = DateTime.UtcNow.AddHours(8).AddDays(30).ToString("yyyy-MM-dd");
    private static readonly string Today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");

    private static Task<string[]> ErrorRules(HttpResponseMessage r) => ApiErrors.FieldRulesAsync(r);

    private static object NewDemand(string deadline) => new { kind = "Technology", title = "钢管端头在线检测系统联合攻关", description = "需实现管端螺纹在线检测，精度0.01mm。", budget = 200m, deadline };

    private static async Task<int> PublishedDemandAsync(HttpClient hengang, HttpClient op)
    {
        var posted = await hengang.PostAsJsonAsync($"{Base}/demands", NewDemand(Soon));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await op.PostAsJsonAsync($"{Base}/demands/{id}/review", new { publish = true })).EnsureSuccessStatusCode();
        return id;
    }

    [Theory, Providers]
    public async Task A_demand_reviewed_answered_and_selected_becomes_a_confirmed_deal(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (hengang, op) = (await app.ClientAsAsync("hengang"), await app.ClientAsAsync("hengyang-op"));
        var (tezhijia, changhong) = (await app.ClientAsAsync("sme-tezhijia"), await app.ClientAsAsync("sme-changhong"));

        Assert.Equal(["deadline:future"], await ErrorRules(await hengang.PostAsJsonAsync($"{Base}/demands", NewDemand("2021-01-01"))));
        Assert.Equal(["kind:required", "title:required", "description:required", "budget:positive", "deadline:required"],
            await ErrorRules(await hengang.PostAsJsonAsync($"{Base}/demands", new { title = " ", budget = 0m })));
        Assert.Equal(["leading:own"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/demands", NewDemand(Soon))));
        Assert.Equal(["leading:own"], await ErrorRules(await tezhijia.PostAsJsonAsync($"{Base}/demands", NewDemand(Soon))));
        var posted = await hengang.PostAsJsonAsync($"{Base}/demands", NewDemand(Soon));
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal("submitted", (await hengang.GetFromJsonAsync<JsonElement>($"{Base}/demands/{id}")).GetProperty("state").GetString());
        // not yet reviewed: SMEs do not see it
        Assert.Equal(HttpStatusCode.NotFound, (await tezhijia.GetAsync($"{Base}/demands/{id}")).StatusCode);
        Assert.DoesNotContain((await tezhijia.GetFromJsonAsync<JsonElement>($"{Base}/demands")).EnumerateArray(), d => d.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await tezhijia.PostAsJsonAsync($"{Base}/demands/{id}/answers", new { proposal = "x", price = 1 })).StatusCode);
        Assert.Equal(["state:state"], await ErrorRules(await hengang.PostAsJsonAsync($"{Base}/demands/{id}/review", new { publish = true })));
        Assert.Equal(["note:required"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/demands/{id}/review", new { publish = false })));
        Assert.Equal(["publish:required"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/demands/{id}/review", new { note = "同意" }))); // never a rejection by default
        (await op.PostAsJsonAsync($"{Base}/demands/{id}/review", new { publish = true })).EnsureSuccessStatusCode();

        // two SMEs answer; each reads its own answer, the leading enterprise both; a leading enterprise cannot answer
        Assert.Equal(HttpStatusCode.Created, (await tezhijia.PostAsJsonAsync($"{Base}/demands/{id}/answers", new { proposal = "视觉检测方案", price = 180m })).StatusCode);
        Assert.Equal(["demand:unique"], await ErrorRules(await tezhijia.PostAsJsonAsync($"{Base}/demands/{id}/answers", new { proposal = "再报一次", price = 170m })));
        Assert.Equal(["price:required"], await ErrorRules(await changhong.PostAsJsonAsync($"{Base}/demands/{id}/answers", new { proposal = "激光方案" })));
        Assert.Equal(HttpStatusCode.Created, (await changhong.PostAsJsonAsync($"{Base}/demands/{id}/answers", new { proposal = "激光测量方案", price = 150m })).StatusCode);
        Assert.Contains("sme:sme", await ErrorRules(await hengang.PostAsJsonAsync($"{Base}/demands/{id}/answers", new { proposal = "x", price = 1m })));
        // an SME does not learn how many others answered
        Assert.Equal(JsonValueKind.Null, (await tezhijia.GetFromJsonAsync<JsonElement>($"{Base}/demands")).EnumerateArray().Single(d => d.GetProperty("id").GetInt32() == id).GetProperty("answers").ValueKind);
        Assert.Equal(2, (await hengang.GetFromJsonAsync<JsonElement>($"{Base}/demands")).EnumerateArray().Single(d => d.GetProperty("id").GetInt32() == id).GetProperty("answers").GetInt32());
        var mine = (await tezhijia.GetFromJsonAsync<JsonElement>($"{Base}/demands/{id}")).GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(["视觉检测方案"], mine.Select(a => a.GetProperty("proposal").GetString()));
        var all = (await hengang.GetFromJsonAsync<JsonElement>($"{Base}/demands/{id}")).GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(2, all.Count);

        // the leading enterprise selects the cheaper answer: a confirmed deal at the quote, the demand closed
        var chosen = all.Single(a => a.GetProperty("price").GetDecimal() == 150m).GetProperty("id").GetInt32();
        Assert.Equal(["state:state"], await ErrorRules(await tezhijia.PostAsJsonAsync($"{Base}/demands/{id}/select", new { answerId = chosen, signedOn = Today })));
        Assert.Equal(["signedOn:required"], await ErrorRules(await hengang.PostAsJsonAsync($"{Base}/demands/{id}/select", new { answerId = chosen })));
        var deal = await (await hengang.PostAsJsonAsync($"{Base}/demands/{id}/select", new { answerId = chosen, contractNo = "HG-JB-001", signedOn = Today })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("confirmed", 150m, "钢管端头在线检测系统联合攻关"), (deal.GetProperty("state").GetString(), deal.GetProperty("amount").GetDecimal(), deal.GetProperty("subject").GetString()));
        var closed = await hengang.GetFromJsonAsync<JsonElement>($"{Base}/demands/{id}");
        Assert.Equal(("closed", deal.GetProperty("id").GetInt32()), (closed.GetProperty("state").GetString(), closed.GetProperty("dealId").GetInt32()));
        Assert.Equal(["notselected", "selected"], closed.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("state").GetString()).Order());
        Assert.Equal(["state:state"], await ErrorRules(await hengang.PostAsJsonAsync($"{Base}/demands/{id}/select", new { answerId = chosen, signedOn = Today })));
        Assert.Contains("demand:open", await ErrorRules(await tezhijia.PostAsJsonAsync($"{Base}/demands/{id}/answers", new { proposal = "迟到", price = 1m })));
    }

    [Theory, Providers]
    public async Task Selections_of_one_demand_at_once_make_one_deal(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (hengang, op) = (await app.ClientAsAsync("hengang"), await app.ClientAsAsync("hengyang-op"));
        var id = await PublishedDemandAsync(hengang, op);
        var answers = new List<int>();
        foreach (var sme in new[] { "sme-tezhijia", "sme-changhong" })
        {
            var c = await app.ClientAsAsync(sme);
            answers.Add((await (await c.PostAsJsonAsync($"{Base}/demands/{id}/answers", new { proposal = "方案", price = 100m })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
        }
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? hengang : op)
            .PostAsJsonAsync($"{Base}/demands/{id}/select", new { answerId = answers[i % 2], signedOn = Today, contractNo = "HG-RACE" })));
        // the later ones find the demand closed (not the contract number taken: the demand's row is locked first)
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var r in results.Where(r => r.StatusCode != HttpStatusCode.OK)) Assert.Contains(await ErrorRules(r), e => e is "state:state" or "state:changed");
        await using var db = app.Db.NewContext();
        Assert.Equal(1, await db.Deals.CountAsync(d => d.Subject == "钢管端头在线检测系统联合攻关"));
        Assert.Equal(1, await db.DemandAnswers.CountAsync(a => a.DemandId == id && a.State == Rongtong.Web.Features.Integration.AnswerState.Selected));
    }
}
