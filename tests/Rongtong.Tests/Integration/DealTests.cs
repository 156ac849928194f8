using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Integration;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Performance.Computations;
using Rongtong.Web.Features.Registry.Demo;

namespace Rongtong.Tests.Integration;

/// <summary>Deals between leading enterprises and SMEs through the API, and the indicators computed from them (SQLite and PostgreSQL).</summary>
public sealed class DealTests
{
    private const string Base = "/api/v1/carriers/hengyang";
    private static readonly string Hengang = DemoSeed.DemoCode(1), Tebian = DemoSeed.DemoCode(2), Changhong = DemoSeed.DemoCode(8), Tezhijia = DemoSeed.DemoCode(10);

    private static async Task<Dictionary<string, Computed>> ComputeAsync(TestApp app, Period p)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Rongtong.Web.Platform.Data.RongtongDb>();
        var carrier = await db.Carriers.SingleAsync(c => c.Code == DemoSeed.CarrierCode);
        return await scope.ServiceProvider.GetRequiredService<RegistryComputations>().ComputeAsync(carrier.Id, p);
    }

    private static Task<string[]> ErrorRules(HttpResponseMessage r) => ApiErrors.FieldRulesAsync(r);

    private static object Deal(string leading, string sme, string on = "2022-03-01", decimal amount = 120m, string? contract = null, string subject = "钢管接箍采购") =>
        new { leading, sme, kind = "Procurement", subject, contractNo = contract, signedOn = on, amount };

    [Theory, Providers]
    public async Task The_demo_deals_give_the_seed_reports_figures_and_the_board_computes_them(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        foreach (var (year, amounts, leaders) in DealsSeed.Years)
        {
            var c = await ComputeAsync(app, new Period(year, PeriodKind.Y));
            Assert.Equal((amounts.Sum(), (decimal)leaders), (c[RegistryComputations.DealValue].Value, c[RegistryComputations.LeadingPartners].Value));
            Assert.Equal(amounts.Length, c[RegistryComputations.DealValue].Records);
        }
        Assert.Equal((2903m, 14m), (DealsSeed.Years[1].Amounts.Sum(), DealsSeed.Years[1].Leaders)); // the seed report's 2020
        // a quarter counts the leading enterprises that have dealt by its end, and the amounts signed within it
        var q1 = await ComputeAsync(app, new Period(2020, PeriodKind.Q1));
        Assert.Equal((6m, 385m + 342m + 298m + 260m), (q1[RegistryComputations.LeadingPartners].Value, q1[RegistryComputations.DealValue].Value));
        var h1 = await ComputeAsync(app, new Period(2020, PeriodKind.H1));
        Assert.Equal(8m, h1[RegistryComputations.LeadingPartners].Value); // 2019's six and two new ones by June

        // on the board: 2020 computed live, 2019 frozen as approved, neither an override; the pending and voided deals of 2021 count nothing
        var op = await app.ClientAsAsync("hengyang-op");
        async Task<JsonElement> Evaluation(string period) => await op.GetFromJsonAsync<JsonElement>($"{Base}/evaluation?period={period}");
        static decimal Actual(JsonElement e, string code) => e.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code).GetProperty("actual").GetDecimal();
        foreach (var (period, value, partners) in new[] { ("2019", 2500m, 6m), ("2020", 2903m, 14m), ("2021", 3512m, 16m) })
        {
            var e = await Evaluation(period);
            Assert.Equal((value, partners), (Actual(e, "I21"), Actual(e, "I07")));
            Assert.DoesNotContain(e.GetProperty("overrides").EnumerateArray(), o => o.GetProperty("code").GetString() is "I21" or "I07");
        }
        await using var db = app.Db.NewContext();
        var frozen = await db.IndicatorValues.Where(v => v.Kind == ValueKind.Actual && v.Period == PeriodKind.Y && (v.Indicator!.Code == "I21" || v.Indicator.Code == "I07"))
            .OrderBy(v => v.Year).ThenBy(v => v.Value).Select(v => new { v.Year, v.Value, v.IsOverride }).ToListAsync();
        Assert.Equal([(2019, 6m), (2019, 2500m)], frozen.Select(f => (f.Year, f.Value!.Value)));
        Assert.All(frozen, f => Assert.False(f.IsOverride));
        var records = await op.GetFromJsonAsync<JsonElement>($"{Base}/records?indicator=I07&period=2019");
        Assert.Equal(6, records.GetProperty("total").GetInt32());
    }

    [Theory, Providers]
    public async Task An_smes_deal_counts_once_its_leading_enterprise_confirms_it_and_stops_counting_when_voided(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var sme = await app.ClientAsAsync("sme-changhong");
        var op = await app.ClientAsAsync("hengyang-op");
        var r = await sme.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Changhong, contract: "HG-2022-007"));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var deal = await r.Content.ReadFromJsonAsync<JsonElement>();
        var id = deal.GetProperty("id").GetInt32();
        Assert.Equal("pending", deal.GetProperty("state").GetString());
        var year = new Period(2022, PeriodKind.Y);
        Assert.Equal(0m, (await ComputeAsync(app, year))[RegistryComputations.DealValue].Value);

        // who sees it: the two sides, the operator and the authority; another SME does not, a bank may not ask
        var other = await app.ClientAsAsync("sme-tezhijia");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Base}/deals/{id}")).StatusCode);
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonElement>($"{Base}/deals")).EnumerateArray(), d => d.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"{Base}/deals/{id}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsAsync("bank-demo")).GetAsync($"{Base}/deals")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientAsAsync("hunan-gxt")).GetAsync($"{Base}/deals/{id}")).StatusCode);
        // the SME cannot confirm its own record
        Assert.Equal(["leading:state"], await ErrorRules(await sme.PostAsync($"{Base}/deals/{id}/confirm", null)));

        var hengang = await app.ClientAsAsync("hengang");
        // the leading enterprise rejects a record it does not recognise, with a reason
        var wrong = (await (await sme.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Changhong, contract: "HG-2022-008", amount: 999m))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var rejected = await hengang.PostAsJsonAsync($"{Base}/deals/{wrong}/void", new { reason = "金额与合同不符" });
        Assert.Equal("voided", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Empty((await op.GetFromJsonAsync<JsonElement>($"{Base}/deals?year=0")).EnumerateArray()); // a year out of range matches nothing
        var confirmed = await hengang.PostAsync($"{Base}/deals/{id}/confirm", null);
        Assert.Equal("confirmed", (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(120m, (await ComputeAsync(app, year))[RegistryComputations.DealValue].Value);
        Assert.Equal(["state:state"], await ErrorRules(await hengang.PostAsync($"{Base}/deals/{id}/confirm", null)));

        // only the operator voids a confirmed deal, with a reason; the voided deal no longer counts and its number is free again
        Assert.Equal(["state:state"], await ErrorRules(await hengang.PostAsJsonAsync($"{Base}/deals/{id}/void", new { reason = "x" })));
        Assert.Equal(["reason:required"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/deals/{id}/void", new { reason = " " })));
        (await op.PostAsJsonAsync($"{Base}/deals/{id}/void", new { reason = "金额登记错误" })).EnsureSuccessStatusCode();
        Assert.Equal(0m, (await ComputeAsync(app, year))[RegistryComputations.DealValue].Value);
        Assert.Equal(HttpStatusCode.Created, (await hengang.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Changhong, contract: "HG-2022-007", amount: 102m))).StatusCode);
        Assert.Equal(102m, (await ComputeAsync(app, year))[RegistryComputations.DealValue].Value); // the leading enterprise's own record counts at once

        await using var db = app.Db.NewContext();
        var audit = await db.AuditEntries.Where(a => a.Entity == nameof(Rongtong.Web.Features.Integration.Deal) && a.Field == "State").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([("Pending", "Voided", "hengang"), ("Pending", "Confirmed", "hengang"), ("Confirmed", "Voided", "hengyang-op")], audit.Select(a => (a.OldValue, a.NewValue, a.Actor)));
    }

    [Theory, Providers]
    public async Task A_wrong_deal_is_refused_field_by_field_and_nothing_is_written(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        int Count() { using var db = app.Db.NewContext(); return db.Deals.Count(); }
        var before = Count();
        // the sides swapped: an SME is no leading enterprise, a leading enterprise no SME
        Assert.Equal(["leading:leading", "sme:sme"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/deals", Deal(Changhong, Tebian))));
        Assert.Equal(["sme:exists"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, "不存在的公司"))));
        Assert.Equal(["leading:required", "sme:required", "subject:required", "signedOn:required", "amount:required"],
            await ErrorRules(await op.PostAsJsonAsync($"{Base}/deals", new { kind = "Procurement" })));
        Assert.Equal(["signedOn:range", "amount:non-negative"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Changhong, on: "2099-01-01", amount: -5m))));
        Assert.Equal(["amount:positive"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Changhong, amount: 0m))));
        Assert.Equal(["amount:precision"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Changhong, amount: 0.0000001m))));
        Assert.Equal(["subject:hidden-characters"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Changhong, subject: "采购\u202E"))));
        // an SME records only deals it is a side of
        var sme = await app.ClientAsAsync("sme-changhong");
        Assert.Equal(["sme:own"], await ErrorRules(await sme.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Tezhijia))));
        // of the other side it learns nothing the registry does not show it: not the name behind a code, nor its role
        var ineligible = await sme.PostAsJsonAsync($"{Base}/deals", Deal($"x（{Tezhijia}）", Changhong));
        Assert.DoesNotContain("特致珈", await ineligible.Content.ReadAsStringAsync());
        Assert.Equal(["leading:eligible"], await ErrorRules(ineligible));
        Assert.Equal(["kind:required"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/deals", new { leading = Hengang, sme = Changhong, subject = "采购", signedOn = "2022-01-01", amount = 1 })));
        // a contract number is recorded once per leading enterprise
        Assert.Equal(HttpStatusCode.Created, (await op.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Changhong, contract: "HG-1"))).StatusCode);
        Assert.Equal(["contractNo:unique"], await ErrorRules(await op.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Tezhijia, contract: "HG-1"))));
        Assert.Equal(HttpStatusCode.Created, (await op.PostAsJsonAsync($"{Base}/deals", Deal(Tebian, Tezhijia, contract: "HG-1"))).StatusCode);
        Assert.Equal(before + 2, Count());
    }

    [Theory, Providers]
    public async Task One_contract_recorded_by_both_sides_at_once_is_recorded_once_and_confirmations_at_once_confirm_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        var sme = await app.ClientAsAsync("sme-changhong");
        var hengang = await app.ClientAsAsync("hengang");
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? sme : hengang).PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Changhong, contract: "HG-SAME"))));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        foreach (var a in answers.Where(a => a.StatusCode != HttpStatusCode.Created)) Assert.Equal(["contractNo:unique"], await ErrorRules(a));

        var pending = await (await sme.PostAsJsonAsync($"{Base}/deals", Deal(Hengang, Changhong, contract: "HG-PENDING"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = pending.GetProperty("id").GetInt32();
        var confirms = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? op : hengang).PostAsync($"{Base}/deals/{id}/confirm", null)));
        Assert.Single(confirms, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var a in confirms.Where(a => a.StatusCode != HttpStatusCode.OK)) Assert.Contains(await ErrorRules(a), r => r is "state:state" or "state:changed");
        await using var db = app.Db.NewContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Entity == nameof(Rongtong.Web.Features.Integration.Deal) && a.Field == "State" && a.NewValue == "Confirmed"));
    }
}
