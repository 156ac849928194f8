using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Performance;

namespace Rongtong.Tests.Performance;

/// <summary>The indicator catalogue through the API on a real database (SQLite and PostgreSQL), on the seeded carrier.</summary>
public sealed class CatalogueTests
{
    private const string Base = "/api/v1/carriers/hengyang";

    /// <summary>A valid new indicator; each test breaks one field.</summary>
    private static JsonObject NewIndicator(string code = "I25") => new()
    {
        ["code"] = code, ["dimensionZh"] = "辐射带动力", ["nameZh"] = "龙头企业开放实验室数", ["nameEn"] = "Labs opened by leading enterprises",
        ["unit"] = "个", ["unitEn"] = "labs", ["direction"] = "Positive", ["frequency"] = "Year", ["source"] = "Entered",
        ["weight"] = 2.5m, ["decimals"] = 0,
    };

    private static JsonObject With(JsonObject o, string key, JsonNode? value)
    {
        var copy = (JsonObject)o.DeepClone();
        copy[key] = value;
        return copy;
    }

    /// <summary>The indicator as the API lists it, turned back into an input (for a PUT that changes one field).</summary>
    private static async Task<JsonObject> Current(HttpClient c, string code)
    {
        var list = await c.GetFromJsonAsync<JsonElement>($"{Base}/indicators?all=true");
        var i = list.GetProperty("indicators").EnumerateArray().Single(x => x.GetProperty("code").GetString() == code);
        string S(string p) => i.GetProperty(p).GetString() ?? "";
        return new JsonObject
        {
            ["code"] = S("code"), ["dimensionZh"] = S("dimension"), ["dimensionEn"] = S("dimensionEn"), ["nameZh"] = S("name"), ["nameEn"] = S("nameEn"),
            ["unit"] = S("unit"), ["unitEn"] = S("unitEn"), ["direction"] = S("direction"), ["frequency"] = S("frequency"), ["source"] = S("source"),
            ["computation"] = i.GetProperty("computation").ValueKind == JsonValueKind.Null ? null : S("computation"),
            ["weight"] = i.GetProperty("weight").ValueKind == JsonValueKind.Null ? null : i.GetProperty("weight").GetDecimal(),
            ["decimals"] = i.GetProperty("decimals").GetInt32(), ["sortOrder"] = i.GetProperty("sortOrder").GetInt32(),
            ["active"] = i.GetProperty("active").GetBoolean(), ["version"] = i.GetProperty("version").GetInt32(),
        };
    }

    private static async Task<(string Field, string Rule, string Zh, string En)[]> Errors(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("rule").GetString()!, e.GetProperty("messageZh").GetString()!, e.GetProperty("messageEn").GetString()!))
            .ToArray();
    }

    [Theory, Providers]
    public async Task The_authority_adds_and_edits_indicators_every_rule_is_enforced_the_operator_may_not_and_changes_are_audited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var gxt = await app.ClientAsAsync("hunan-gxt");
        var op = await app.ClientAsAsync("hengyang-op");
        int Count() { using var db = app.Db.NewContext(); return db.Indicators.Count(); }
        var before = Count();

        // each rule is refused with 422, naming the field and the rule, and nothing is written
        var cases = new (JsonObject Body, string Field, string Rule)[]
        {
            (With(NewIndicator(), "code", ""), "code", "required"),
            (With(NewIndicator(), "code", "i25"), "code", "pattern"),
            (With(NewIndicator(), "code", "25A"), "code", "pattern"),
            (With(NewIndicator(), "code", "A" + new string('1', 20)), "code", "pattern"),
            (With(NewIndicator(), "code", "I03"), "code", "unique"),
            (With(NewIndicator(), "nameZh", " "), "nameZh", "required"),
            (With(NewIndicator(), "nameZh", new string('名', 201)), "nameZh", "max-length"),
            (With(NewIndicator(), "nameEn", null), "nameEn", "required"),
            (With(NewIndicator(), "nameEn", new string('n', 201)), "nameEn", "max-length"),
            (With(NewIndicator(), "dimensionZh", ""), "dimensionZh", "required"),
            (With(NewIndicator(), "unit", new string('u', 21)), "unit", "max-length"),
            (With(NewIndicator(), "weight", 100.5m), "weight", "range"),
            (With(NewIndicator(), "weight", -1), "weight", "range"),
            (With(NewIndicator(), "decimals", 7), "decimals", "range"),
            (With(NewIndicator(), "decimals", -1), "decimals", "range"),
            (With(With(NewIndicator(), "source", "Computed"), "computation", "no_such_computation"), "computation", "exists"),
            (With(NewIndicator(), "source", "Computed"), "computation", "exists"),
            (With(NewIndicator(), "computation", "employees"), "computation", "empty-when-entered"),
        };
        foreach (var (body, field, rule) in cases)
        {
            var errors = await Errors(await gxt.PostAsJsonAsync($"{Base}/indicators", body));
            var e = Assert.Single(errors, x => x.Field == field && x.Rule == rule);
            Assert.False(string.IsNullOrWhiteSpace(e.Zh) || string.IsNullOrWhiteSpace(e.En), $"{field}/{rule} speaks both languages");
        }
        Assert.Equal(before, Count());

        // the operator reads the catalogue but may not change it
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync($"{Base}/indicators")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync($"{Base}/indicators", NewIndicator())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PutAsJsonAsync($"{Base}/indicators/I03", await Current(gxt, "I03"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PutAsJsonAsync($"{Base}/catalogue", new { jumpFactor = 3 })).StatusCode);
        Assert.Equal(before, Count());

        // the authority adds one: it is listed (last), with a computed sibling
        var created = await gxt.PostAsJsonAsync($"{Base}/indicators", NewIndicator());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith("/indicators/I25", created.Headers.Location!.ToString());
        var computed = With(With(With(NewIndicator("I26"), "source", "Computed"), "computation", "rnd"), "unit", "万元");
        Assert.Equal(HttpStatusCode.Created, (await gxt.PostAsJsonAsync($"{Base}/indicators", computed)).StatusCode);
        var list = await gxt.GetFromJsonAsync<JsonElement>($"{Base}/indicators");
        var codes = list.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Equal(["I25", "I26"], codes.TakeLast(2));
        var i25 = await Current(gxt, "I25");
        // the English dimension defaults to the one the catalogue already uses for 辐射带动力
        Assert.Equal(("Radiation and driving force", 2.5m, 25), (i25["dimensionEn"]!.GetValue<string>(), i25["weight"]!.GetValue<decimal>(), i25["sortOrder"]!.GetValue<int>()));

        // an edit: the unit may change (no approved values yet), the code may not; the edit is audited
        var edit = With(With(i25, "nameEn", "Laboratories opened by leading enterprises"), "unit", "家");
        var edited = await gxt.PutAsJsonAsync($"{Base}/indicators/I25", edit);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Contains(await Errors(await gxt.PutAsJsonAsync($"{Base}/indicators/I25", With(await Current(gxt, "I25"), "code", "I27"))), e => e.Field == "code" && e.Rule == "immutable");

        // optimistic concurrency: the version the editor started from must still be current
        Assert.Equal(HttpStatusCode.Conflict, (await gxt.PutAsJsonAsync($"{Base}/indicators/I25", edit)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gxt.PutAsJsonAsync($"{Base}/indicators/X99", edit)).StatusCode);

        // deactivated, not deleted: it leaves the active list and the evaluation, and stays in the full list
        Assert.Equal(HttpStatusCode.OK, (await gxt.PutAsJsonAsync($"{Base}/indicators/I25", With(await Current(gxt, "I25"), "active", false))).StatusCode);
        Assert.DoesNotContain((await gxt.GetFromJsonAsync<JsonElement>($"{Base}/indicators")).GetProperty("indicators").EnumerateArray(), i => i.GetProperty("code").GetString() == "I25");
        Assert.False((await Current(gxt, "I25"))["active"]!.GetValue<bool>());
        var evaluation = await gxt.GetFromJsonAsync<JsonElement>($"{Base}/evaluation?period=2021");
        Assert.DoesNotContain(evaluation.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == "I25");

        // the jump factor: 0 < factor ≤ 100, audited
        Assert.Contains(await Errors(await gxt.PutAsJsonAsync($"{Base}/catalogue", new { jumpFactor = 0 })), e => e.Field == "jumpFactor" && e.Rule == "range");
        Assert.Contains(await Errors(await gxt.PutAsJsonAsync($"{Base}/catalogue", new { jumpFactor = 100.5 })), e => e.Field == "jumpFactor" && e.Rule == "range");
        Assert.Equal(HttpStatusCode.OK, (await gxt.PutAsJsonAsync($"{Base}/catalogue", new { jumpFactor = 2.5 })).StatusCode);
        Assert.Equal(2.5m, (await gxt.GetFromJsonAsync<JsonElement>($"{Base}/indicators")).GetProperty("catalogue").GetProperty("jumpFactor").GetDecimal());

        await using var db = app.Db.NewContext();
        var audit = await db.AuditEntries.Where(a => a.Actor == "hunan-gxt").ToListAsync();
        Assert.Contains(audit, a => a is { Entity: "IndicatorDefinition", Action: "created", EntityLabel: "I25" });
        Assert.Contains(audit, a => a is { Entity: "IndicatorDefinition", Field: "NameEn", OldValue: "Labs opened by leading enterprises", NewValue: "Laboratories opened by leading enterprises" });
        Assert.Contains(audit, a => a is { Entity: "IndicatorDefinition", Field: "Unit", OldValue: "个", NewValue: "家" });
        Assert.Contains(audit, a => a is { Entity: "IndicatorDefinition", Field: "Active", OldValue: "True", NewValue: "False" });
        Assert.Contains(audit, a => a is { Entity: "IndicatorCatalogue", Field: "JumpFactor", OldValue: "2", NewValue: "2.5" });
        // the catalogue is every carrier's: its changes are filed under none, and the operators' log shows them
        Assert.All(audit.Where(a => a.Entity.StartsWith("Indicator") && a.Entity != "IndicatorValue"), a => Assert.Null(a.CarrierId));
        var log = await (await app.ClientAsAsync("hengyang-op")).GetStringAsync("/Admin/Audit?actor=hunan-gxt");
        Assert.Contains("Laboratories opened by leading enterprises", log);
    }

    [Theory, Providers]
    public async Task An_indicator_with_approved_values_keeps_its_meaning_but_may_be_renamed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var gxt = await app.ClientAsAsync("hunan-gxt");
        await using (var db = app.Db.NewContext())
            Assert.Equal(PeriodStatus.Approved, (await db.PerformancePeriods.SingleAsync(p => p.Year == 2019 && p.Kind == PeriodKind.Y)).Status);
        var before = await gxt.GetFromJsonAsync<JsonElement>($"{Base}/evaluation?period=2019");
        decimal? Actual(JsonElement e) => e.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "I03").GetProperty("actual").GetDecimal();

        // what the approved figures mean may not change: each such field is refused, naming the field and 2019
        var i03 = await Current(gxt, "I03");
        foreach (var (field, value) in new (string, JsonNode?)[] { ("unit", "个"), ("direction", "Negative"), ("decimals", 2), ("frequency", "Year") })
        {
            var errors = await Errors(await gxt.PutAsJsonAsync($"{Base}/indicators/I03", With(i03, field, value)));
            var e = Assert.Single(errors);
            Assert.Equal((field, "approved-values"), (e.Field, e.Rule));
            Assert.Contains("2019", e.Zh);
            Assert.Contains("2019", e.En);
            Assert.Contains("新增", e.Zh);
        }
        var computedSource = With(With(i03, "source", "Computed"), "computation", "employees");
        Assert.Equal(["source", "computation"], (await Errors(await gxt.PutAsJsonAsync($"{Base}/indicators/I03", computedSource))).Select(e => e.Field));

        // names, weight, sort order and the active flag may change; the approved figures stay as they were
        var renamed = With(With(i03, "nameEn", "Cooperating capital service institutions"), "weight", 4);
        Assert.Equal(HttpStatusCode.OK, (await gxt.PutAsJsonAsync($"{Base}/indicators/I03", renamed)).StatusCode);
        var after = await Current(gxt, "I03");
        Assert.Equal(("Cooperating capital service institutions", i03["unit"]!.GetValue<string>()), (after["nameEn"]!.GetValue<string>(), after["unit"]!.GetValue<string>()));
        Assert.Equal(Actual(before), Actual(await gxt.GetFromJsonAsync<JsonElement>($"{Base}/evaluation?period=2019")));
        await using (var db = app.Db.NewContext())
        {
            var audit = await db.AuditEntries.Where(a => a.Entity == "IndicatorDefinition" && a.Actor == "hunan-gxt").ToListAsync();
            Assert.Contains(audit, a => a.Field == "NameEn" && a.NewValue == "Cooperating capital service institutions");
            Assert.DoesNotContain(audit, a => a.Field == "Unit");
        }
    }
}
