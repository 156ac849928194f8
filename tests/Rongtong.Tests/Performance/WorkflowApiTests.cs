using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Performance;

namespace Rongtong.Tests.Performance;

/// <summary>The indicator workflow through the API on a real database (SQLite and PostgreSQL), on the seeded carrier.</summary>
public sealed class WorkflowApiTests
{
    private const string Base = "/api/v1/carriers/hengyang";

    private static async Task<JsonElement> Item(HttpClient c, string period, string code)
    {
        var e = await c.GetFromJsonAsync<JsonElement>($"{Base}/evaluation?period={period}");
        return e.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
    }

    /// <summary>The registry changes under a period: three more in-zone enterprises listed in 2022.</summary>
    private static async Task ListThreeMoreIn2022Async(TestApp app)
    {
        await using var db = app.Db.NewContext();
        var n = await db.Enterprises.Where(e => e.InZone && e.MovedOutOn == null && e.Listing == Rongtong.Web.Features.Registry.ListingStatus.None)
            .OrderBy(e => e.Id).Take(3)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Listing, Rongtong.Web.Features.Registry.ListingStatus.Listed).SetProperty(e => e.ListedOn, new DateOnly(2022, 6, 1)));
        Assert.Equal(3, n);
    }

    private static async Task<string[]> ErrorRules(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("rule").GetString()!).ToArray();
    }

    [Fact]
    public async Task A_period_the_board_or_the_findings_cannot_read_is_named_not_silently_replaced_by_the_default()
    {
        await using var app = await TestApp.StartAsync();
        var op = await app.FormClientAsAsync("hengyang-op");
        Assert.Contains("期间“1990”无效", System.Net.WebUtility.HtmlDecode(await op.GetStringAsync("/Performance/Findings?Period=1990")));
        Assert.Contains("期间“2021X”无效", System.Net.WebUtility.HtmlDecode(await op.GetStringAsync("/Performance?period=2021X")));
        Assert.DoesNotContain("无效", System.Net.WebUtility.HtmlDecode(await op.GetStringAsync("/Performance/Findings?Period=2021")));
    }

    [Theory, Providers]
    public async Task The_seeded_year_evaluates_as_the_seed_reports_and_its_contradictions_block_submission_until_fixed_then_review_and_approval_lock_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        var gxt = await app.ClientAsAsync("hunan-gxt");

        var employees = await Item(op, "2020", "I02");
        Assert.Equal((0.56m, 0.71m, 0.86m, "exceeded"), (employees.GetProperty("baseline").GetDecimal(), employees.GetProperty("target").GetDecimal(),
            employees.GetProperty("actual").GetDecimal(), employees.GetProperty("status").GetString()));
        Assert.Equal("missed", (await Item(op, "2020", "I03")).GetProperty("status").GetString());
        // 2018 has no recorded actual: the change is measured from the baseline stated as 2018's (27.3), not from
        // a figure computed from today's registry
        Assert.Equal(4.6m, (await Item(op, "2019", "I01")).GetProperty("change").GetDecimal());
        var findings2019 = await op.GetFromJsonAsync<JsonElement>($"{Base}/findings?period=2019");
        Assert.Equal(["jump I24", "stated_value I01"], findings2019.EnumerateArray() // 32.2% stated for 31.9%; 102 on 30
            .Select(f => $"{f.GetProperty("rule").GetString()} {f.GetProperty("indicator").GetString()}").Order());

        // the seed's contradictions: baselines that are not the 2019 actuals, and a missed target without a reason
        var submit = await op.PostAsync($"{Base}/periods/2020Y/submit", null);
        var rules = await ErrorRules(submit);
        Assert.Equal(8, rules.Count(r => r == "baseline_mismatch"));
        Assert.Contains("missing_reason", rules);

        foreach (var (code, v) in new[] { ("I11", 30m), ("I16", 8m), ("I17", 5121000m), ("I18", 318176m), ("I19", 1.52m), ("I20", 40700m), ("I21", 2500m), ("I22", 23m) })
            (await op.PutAsJsonAsync($"{Base}/values", new { indicator = code, period = "2020", kind = "Baseline", value = v, referenceYear = 2019, note = "按2019年完成值更正" })).EnsureSuccessStatusCode();
        var reason = await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I06", period = "2020", kind = "Actual", value = 285, missReason = "疫情期间线下路演减少" });
        reason.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync($"{Base}/periods/2020Y/submit", null)).StatusCode);

        // submitted: only returned values can change; the reviewer returns one value
        Assert.Contains("locked", await ErrorRules(await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I04", period = "2020", kind = "Actual", value = 24 })));
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync($"{Base}/periods/2020Y/return", new { indicator = "I04", kind = "Actual", message = "x" })).StatusCode);
        (await gxt.PostAsJsonAsync($"{Base}/periods/2020Y/return", new { indicator = "I04", kind = "Actual", message = "请附平台合作协议" })).EnsureSuccessStatusCode();
        Assert.Contains("returned", await ErrorRules(await gxt.PostAsync($"{Base}/periods/2020Y/approve", null)));
        (await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I04", period = "2020", kind = "Actual", value = 23, note = "已补协议" })).EnsureSuccessStatusCode();
        var approved = await gxt.PostAsync($"{Base}/periods/2020Y/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        // approved: a change needs a reason and sends the period back for re-approval
        Assert.Contains("required", await ErrorRules(await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I04", period = "2020", kind = "Actual", value = 24 })));
        (await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I04", period = "2020", kind = "Actual", value = 24, amendReason = "补录一个平台" })).EnsureSuccessStatusCode();
        await using var db = app.Db.NewContext();
        var state = await db.PerformancePeriods.SingleAsync(p => p.Year == 2020 && p.Kind == PeriodKind.Y);
        Assert.Equal((PeriodStatus.Submitted, 1), (state.Status, state.Approvals));
        var history = await db.AuditEntries.Where(a => a.Entity == nameof(IndicatorValue) && a.Field == "Value" && a.Actor == "hengyang-op").ToListAsync();
        Assert.Contains(history, h => h.OldValue == "23" && h.NewValue == "24");
        Assert.Contains(history, h => h.Field == "Value" && h.OldValue == "31" && h.NewValue == "30");
    }

    [Theory, Providers]
    public async Task Computed_values_are_frozen_as_submitted_and_approvals_at_the_same_moment_approve_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        var gxt = await app.ClientAsAsync("hunan-gxt");
        var submitted = (await Item(op, "2022", "I12")).GetProperty("actual").GetDecimal();
        (await op.PostAsync($"{Base}/periods/2022Y/submit", null)).EnsureSuccessStatusCode();

        // the registry changes while the period waits for review: the reviewer still sees what was submitted
        await ListThreeMoreIn2022Async(app);
        Assert.Equal(submitted, (await Item(gxt, "2022", "I12")).GetProperty("actual").GetDecimal());
        Assert.Equal(submitted + 3, (await Item(op, "2023", "I12")).GetProperty("actual").GetDecimal()); // 2023 is still live

        // four reviewers approve at once: one approval, the others refused in words, never a server error
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => gxt.PostAsync($"{Base}/periods/2022Y/approve", null)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity }));
        await using var check = app.Db.NewContext();
        Assert.Equal(1, (await check.PerformancePeriods.SingleAsync(p => p.Year == 2022 && p.Kind == PeriodKind.Y)).Approvals);
        Assert.Equal(submitted, (await Item(gxt, "2022", "I12")).GetProperty("actual").GetDecimal());
    }

    [Theory, Providers]
    public async Task A_returned_computed_value_saved_empty_is_computed_again_and_values_compare_as_printed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        var gxt = await app.ClientAsAsync("hunan-gxt");
        // a target typed from the rounded figure on the board is met, not "missed by 0"
        var share = (await Item(op, "2022", "I01")).GetProperty("actual").GetDecimal();
        (await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I01", period = "2022", kind = "Target", value = Math.Round(share, 1) })).EnsureSuccessStatusCode();
        Assert.Equal("met", (await Item(op, "2022", "I01")).GetProperty("status").GetString());

        var submitted = (await Item(op, "2022", "I12")).GetProperty("actual").GetDecimal();
        (await op.PostAsync($"{Base}/periods/2022Y/submit", null)).EnsureSuccessStatusCode();
        (await gxt.PostAsJsonAsync($"{Base}/periods/2022Y/return", new { indicator = "I12", kind = "Actual", message = "主体库漏登3家上市企业" })).EnsureSuccessStatusCode();
        await ListThreeMoreIn2022Async(app);
        // the operator mends the registry and saves the value empty: it is computed again, not kept as frozen
        (await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I12", period = "2022", kind = "Actual", note = "已补登" })).EnsureSuccessStatusCode();
        Assert.Equal(submitted + 3, (await Item(gxt, "2022", "I12")).GetProperty("actual").GetDecimal());
        (await gxt.PostAsync($"{Base}/periods/2022Y/approve", null)).EnsureSuccessStatusCode();
        await using var check = app.Db.NewContext();
        var frozen = await check.IndicatorValues.SingleAsync(v => v.Year == 2022 && v.Period == PeriodKind.Y && v.Kind == ValueKind.Actual && v.Indicator!.Code == "I12");
        Assert.Equal((submitted + 3, false), (frozen.Value!.Value, frozen.IsOverride));
    }

    [Theory, Providers]
    public async Task An_approved_year_keeps_the_total_it_was_approved_with_when_weights_change(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        var gxt = await app.ClientAsAsync("hunan-gxt");
        async Task WeighAsync(string code, decimal weight)
        {
            await using var db = app.Db.NewContext();
            await db.Indicators.Where(i => i.Code == code).ExecuteUpdateAsync(s => s.SetProperty(i => i.Weight, weight));
        }
        await WeighAsync("I01", 5);
        await WeighAsync("I12", 5);
        var listed = (await Item(op, "2022", "I12")).GetProperty("actual").GetDecimal();
        var share = (await Item(op, "2022", "I01")).GetProperty("actual").GetDecimal();
        (await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I01", period = "2022", kind = "Target", value = Math.Round(share, 1) })).EnsureSuccessStatusCode();
        (await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I12", period = "2022", kind = "Target", value = listed * 2 })).EnsureSuccessStatusCode();
        (await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I12", period = "2022", kind = "Actual", missReason = "上市辅导周期较长" })).EnsureSuccessStatusCode();
        (await op.PostAsync($"{Base}/periods/2022Y/submit", null)).EnsureSuccessStatusCode();
        (await gxt.PostAsync($"{Base}/periods/2022Y/approve", null)).EnsureSuccessStatusCode();
        async Task<decimal> TotalAsync() => (await op.GetFromJsonAsync<JsonElement>($"{Base}/evaluation?period=2022")).GetProperty("total").GetDecimal();
        var approved = await TotalAsync();
        Assert.Equal(75m, approved); // 5 × 100% + 5 × 50%, of 10

        await WeighAsync("I12", 50); // the authority re-weights the catalogue afterwards
        Assert.Equal(approved, await TotalAsync());
    }

    [Theory, Providers]
    public async Task A_half_year_of_a_yearly_computation_is_entered_without_an_override(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        // 从业人员数 is reported half-yearly; the registry holds yearly figures, so a half-year's value is entered
        (await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I02", period = "2021H1", kind = "Actual", value = 0.91m, note = "人社局参保人数" })).EnsureSuccessStatusCode();
        Assert.Equal(0.91m, (await Item(op, "2021H1", "I02")).GetProperty("actual").GetDecimal());
        await using var db = app.Db.NewContext();
        var row = await db.IndicatorValues.SingleAsync(v => v.Year == 2021 && v.Period == PeriodKind.H1 && v.Kind == ValueKind.Actual);
        Assert.False(row.IsOverride);
        // the year itself stays computed: a value there without a reason is refused
        Assert.Contains("required", await ErrorRules(await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I02", period = "2022", kind = "Actual", value = 1 })));
    }

    [Theory, Providers]
    public async Task A_computed_value_is_overridden_only_with_a_reason_and_enterprise_users_cannot_read_indicators(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        var computed = await Item(op, "2021", "I02");
        Assert.True(computed.GetProperty("actual").GetDecimal() > 0, "2021 employees come from the registry's yearly figures");
        Assert.Contains("required", await ErrorRules(await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I02", period = "2021", kind = "Actual", value = 0.9 })));
        Assert.Contains("percent-range", await ErrorRules(await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I09", period = "2021", kind = "Target", value = 120 })));
        Assert.Contains("frequency", await ErrorRules(await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I11", period = "2021Q1", kind = "Target", value = 5 })));
        (await op.PutAsJsonAsync($"{Base}/values", new { indicator = "I02", period = "2021", kind = "Actual", value = 0.9, overrideReason = "统计局口径" })).EnsureSuccessStatusCode();
        var overridden = await Item(op, "2021", "I02");
        Assert.Equal(0.9m, overridden.GetProperty("actual").GetDecimal());
        var evaluation = await op.GetFromJsonAsync<JsonElement>($"{Base}/evaluation?period=2021");
        var o = Assert.Single(evaluation.GetProperty("overrides").EnumerateArray());
        Assert.Equal(("I02", "统计局口径"), (o.GetProperty("code").GetString(), o.GetProperty("reason").GetString()));
        Assert.Equal(computed.GetProperty("actual").GetDecimal(), o.GetProperty("computed").GetDecimal());

        var records = await op.GetFromJsonAsync<JsonElement>($"{Base}/records?indicator=I02&period=2021");
        Assert.True(records.GetProperty("total").GetInt32() > 200);

        var sme = await app.ClientAsAsync("sme-tezhijia");
        Assert.Equal(HttpStatusCode.Forbidden, (await sme.GetAsync($"{Base}/evaluation?period=2020")).StatusCode);
    }

    [Theory, Providers]
    public async Task The_cli_evaluates_and_validates_in_the_stable_forms(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var output = new StringWriter();
        Assert.Equal(0, await Rongtong.Cli.CliApp.RunAsync(["evaluate", "--carrier", "hengyang", "--year", "2020", "--format", "json"], output, TextWriter.Null, app.Db.Settings));
        var items = JsonDocument.Parse(output.ToString()).RootElement.EnumerateArray().ToList();
        Assert.Equal(24, items.Count);
        var radiating = items.Single(i => i.GetProperty("code").GetString() == "I24");
        Assert.Equal("辐射带动力", radiating.GetProperty("dimension").GetString());
        Assert.Equal(JsonValueKind.Number, radiating.GetProperty("actual").ValueKind);
        Assert.Equal(81m, radiating.GetProperty("change").GetDecimal());
        Assert.Equal(JsonValueKind.Null, items.Single(i => i.GetProperty("code").GetString() == "I01").GetProperty("target").ValueKind);
        foreach (var key in new[] { "code", "dimension", "name", "nameEn", "unit", "direction", "baseline", "target", "actual", "status", "gap", "achievement", "change", "score" })
            Assert.True(radiating.TryGetProperty(key, out _), key);

        var findings = new StringWriter();
        Assert.Equal(1, await Rongtong.Cli.CliApp.RunAsync(["validate", "--carrier", "hengyang", "--year", "2020", "--format", "json"], findings, TextWriter.Null, app.Db.Settings));
        var list = JsonDocument.Parse(findings.ToString()).RootElement.EnumerateArray().ToList();
        var growth = list.Single(f => f.GetProperty("rule").GetString() == "stated_growth");
        Assert.Equal(("warning", "I24", "2020Y"), (growth.GetProperty("severity").GetString(), growth.GetProperty("indicator").GetString(), growth.GetProperty("period").GetString()));
        Assert.Equal(179m, growth.GetProperty("values").GetProperty("stated").GetDecimal());
        // the seed says I01 "超额完成全年目标" for 2020, which has no target
        var met = list.Single(f => f.GetProperty("rule").GetString() == "stated_met");
        Assert.Equal("I01", met.GetProperty("indicator").GetString());
        Assert.Contains("未设目标值", met.GetProperty("message").GetString());

        var csv = new StringWriter();
        Assert.Equal(0, await Rongtong.Cli.CliApp.RunAsync(["evaluate", "--carrier", "hengyang", "--year", "2019", "--format", "csv"], csv, TextWriter.Null, app.Db.Settings));
        Assert.StartsWith("code,dimension,name,", csv.ToString());
        Assert.Equal(0, await Rongtong.Cli.CliApp.RunAsync(["validate", "--carrier", "hengyang", "--year", "2019", "--format", "json"], new StringWriter(), TextWriter.Null, app.Db.Settings));
    }
}
