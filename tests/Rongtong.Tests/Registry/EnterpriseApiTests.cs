using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Features.Registry.Rules;

namespace Rongtong.Tests.Registry;

/// <summary>Slice tests through the API on a real database, once per provider.</summary>
public sealed class EnterpriseApiTests
{
    private static readonly string NewCode = CreditCode.Complete("91430400MA4X0001" + "2");

    private static object NewEnterprise(string code, string name = "衡阳测试新材料有限公司") =>
        new { creditCode = code, name, industryCode = "C3311", inZone = true, chainRole = "Supporting" };

    [Theory, Providers]
    public async Task An_operator_creates_an_enterprise_and_the_change_is_audited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        var r = await op.PostAsJsonAsync("/api/v1/enterprises", NewEnterprise(NewCode.ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var got = await op.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{NewCode}");
        Assert.Equal("衡阳测试新材料有限公司", got.GetProperty("name").GetString());
        Assert.Equal("3311", got.GetProperty("industryCode").GetString());
        await using var db = app.Db.NewContext();
        var audit = await db.AuditEntries.Where(a => a.Entity == "Enterprise" && a.EntityLabel == NewCode).ToListAsync();
        Assert.True(audit.Count == 1, string.Join(" | ", audit.Select(a => $"{a.Action} {a.Field} {a.OldValue} -> {a.NewValue}")));
        var created = audit[0];
        Assert.Equal(("created", "*", "hengyang-op"), (created.Action, created.Field, created.Actor));
        Assert.Contains("Name=衡阳测试新材料有限公司", created.NewValue);
        Assert.NotNull(created.CarrierId);

        var put = await op.PutAsJsonAsync($"/api/v1/enterprises/{NewCode}", new { creditCode = NewCode, name = "衡阳测试新材料股份有限公司", industryCode = "3311", version = 1 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var changed = await db.AuditEntries.Where(a => a.Entity == "Enterprise" && a.EntityLabel == NewCode && a.Action == "updated").ToListAsync();
        var name = Assert.Single(changed);
        Assert.Equal(("Name", "衡阳测试新材料有限公司", "衡阳测试新材料股份有限公司"), (name.Field, name.OldValue, name.NewValue));
    }

    [Theory, Providers]
    public async Task A_wrong_credit_code_is_refused_with_a_422_naming_field_and_rule(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        var bad = NewCode[..17] + (NewCode[17] == '1' ? '2' : '1');
        var r = await op.PostAsJsonAsync("/api/v1/enterprises", NewEnterprise(bad));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var pd = await r.Content.ReadFromJsonAsync<JsonElement>();
        var err = pd.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("creditCode", err.GetProperty("field").GetString());
        Assert.Equal("checksum", err.GetProperty("rule").GetString());
        await using var db = app.Db.NewContext();
        Assert.False(await db.Enterprises.AnyAsync(e => e.CreditCode == bad));
    }

    [Theory, Providers]
    public async Task A_duplicate_credit_code_is_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        var existing = DemoSeed.DemoCode(1);
        var r = await op.PostAsJsonAsync("/api/v1/enterprises", NewEnterprise(existing));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.Contains("unique", await r.Content.ReadAsStringAsync());
    }

    [Theory, Providers]
    public async Task Filing_figures_computes_the_size_class_and_shows_the_upgrade(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        (await op.PostAsJsonAsync("/api/v1/enterprises", NewEnterprise(NewCode))).EnsureSuccessStatusCode();
        var y1 = await op.PutAsJsonAsync($"/api/v1/enterprises/{NewCode}/years/2020",
            new { employees = 350, degreeHolders = 100, revenue = 1500m, totalAssets = 900m });
        Assert.Equal("small", (await y1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sizeClass").GetString());
        var y2 = await op.PutAsJsonAsync($"/api/v1/enterprises/{NewCode}/years/2021",
            new { employees = 350, degreeHolders = 100, revenue = 2000m, totalAssets = 900m });
        Assert.Equal("medium", (await y2.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sizeClass").GetString());
        var got = await op.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{NewCode}");
        var years = got.GetProperty("years").EnumerateArray().ToList();
        Assert.False(years[0].GetProperty("upgraded").GetBoolean());
        Assert.True(years[1].GetProperty("upgraded").GetBoolean());
        Assert.Equal("medium", got.GetProperty("sizeClass").GetString());
    }

    [Theory, Providers]
    public async Task Invalid_figures_are_refused_and_nothing_is_written(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        (await op.PostAsJsonAsync("/api/v1/enterprises", NewEnterprise(NewCode))).EnsureSuccessStatusCode();
        var r = await op.PutAsJsonAsync($"/api/v1/enterprises/{NewCode}/years/2020",
            new { employees = 10, degreeHolders = 11, revenue = -1m });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var rules = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("rule").GetString()).ToList();
        Assert.Contains("degreeHolders:le-employees", rules);
        Assert.Contains("revenue:non-negative", rules);
        // a negative head count is one error, not also "more degree holders than employees"
        var negative = await op.PutAsJsonAsync($"/api/v1/enterprises/{NewCode}/years/2020", new { employees = -3, degreeHolders = 0 });
        Assert.Equal(["employees:non-negative"], (await negative.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("rule").GetString()).Where(r => r.StartsWith("employees") || r.StartsWith("degreeHolders")));
        await using var db = app.Db.NewContext();
        Assert.False(await db.EnterpriseYears.AnyAsync(y => y.Enterprise!.CreditCode == NewCode));
    }

    [Theory, Providers]
    public async Task An_enterprise_user_sees_its_own_enterprise_and_no_other(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var sme = await app.ClientAsAsync("sme-tezhijia");
        await using var db = app.Db.NewContext();
        var own = await db.Enterprises.SingleAsync(e => e.Name == "湖南特致珈物联科技有限公司");
        var other = await db.Enterprises.SingleAsync(e => e.Name == "湖南长宏锅炉科技股份有限公司");
        Assert.Equal(HttpStatusCode.OK, (await sme.GetAsync($"/api/v1/enterprises/{own.CreditCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sme.GetAsync($"/api/v1/enterprises/{other.CreditCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sme.GetAsync("/api/v1/enterprises")).StatusCode);
        var file = await sme.PutAsJsonAsync($"/api/v1/enterprises/{other.CreditCode}/years/2021", new { employees = 1, revenue = 1m });
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        var mine = await sme.PutAsJsonAsync($"/api/v1/enterprises/{own.CreditCode}/years/2021", new { employees = 12, degreeHolders = 9, revenue = 300m });
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
    }

    [Theory, Providers]
    public async Task Search_finds_chinese_substrings_and_filters(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        var r = await op.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?q=" + Uri.EscapeDataString("钢管"));
        var names = r.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Contains("钢管", n));
        Assert.True(r.GetProperty("total").GetInt32() > names.Count, "more matches than one page");
        var one = await op.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?q=" + Uri.EscapeDataString("华菱钢管"));
        Assert.Equal("衡阳华菱钢管有限公司", one.GetProperty("items").EnumerateArray().Single().GetProperty("name").GetString());
        var leaders = await op.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?role=Leading");
        Assert.Equal(2 + DemoSeed.OutsideLeaders.Length, leaders.GetProperty("total").GetInt32()); // the chain leaders and those outside the zone
        var large = await op.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?size=large&industry=C");
        Assert.All(large.GetProperty("items").EnumerateArray(), i => Assert.Equal("large", i.GetProperty("sizeClass").GetString()));
        var byCode = await op.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?q=" + DemoSeed.DemoCode(2).ToLowerInvariant());
        Assert.Equal("特变电工衡阳变压器有限公司", byCode.GetProperty("items")[0].GetProperty("name").GetString());
        var prefix = DemoSeed.DemoCode(2)[..16]; // the start of a code: every match starts with it
        var byPrefix = await op.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?q=" + prefix);
        Assert.Contains(byPrefix.GetProperty("items").EnumerateArray(), i => i.GetProperty("creditCode").GetString() == DemoSeed.DemoCode(2));
        Assert.All(byPrefix.GetProperty("items").EnumerateArray(), i => Assert.StartsWith(prefix, i.GetProperty("creditCode").GetString()));
    }

    [Theory, Providers]
    public async Task A_stale_edit_is_refused_with_409(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await app.ClientAsAsync("hengyang-op");
        (await op.PostAsJsonAsync("/api/v1/enterprises", NewEnterprise(NewCode))).EnsureSuccessStatusCode();
        var body = new { creditCode = NewCode, name = "改名一", industryCode = "3311", version = 1 };
        Assert.Equal(HttpStatusCode.OK, (await op.PutAsJsonAsync($"/api/v1/enterprises/{NewCode}", body)).StatusCode);
        var renamed = await op.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?q=" + Uri.EscapeDataString("改名一"));
        Assert.Equal(NewCode, renamed.GetProperty("items").EnumerateArray().Single().GetProperty("creditCode").GetString());
        var old = await op.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?q=" + Uri.EscapeDataString("测试新材料"));
        Assert.Equal(0, old.GetProperty("total").GetInt32());
        var stale = new { creditCode = NewCode, name = "改名二", industryCode = "3311", version = 1 };
        Assert.Equal(HttpStatusCode.Conflict, (await op.PutAsJsonAsync($"/api/v1/enterprises/{NewCode}", stale)).StatusCode);
        // an edit without the version it read is refused: it would overwrite the rename unseen
        var blind = await op.PutAsJsonAsync($"/api/v1/enterprises/{NewCode}", new { creditCode = NewCode, name = "改名三", industryCode = "3311" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blind.StatusCode);
        Assert.Contains("\"version\"", await blind.Content.ReadAsStringAsync());
    }

    [Theory, Providers]
    public async Task Seeding_twice_changes_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var db = app.Db.NewContext();
        var before = (await db.Enterprises.CountAsync(), await db.EnterpriseYears.CountAsync(), await db.AuditEntries.CountAsync(), await db.Users.CountAsync());
        var code = await Rongtong.Cli.CliApp.RunAsync(["seed", "demo"], TextWriter.Null, TextWriter.Null, app.Db.Settings);
        Assert.Equal(0, code);
        var after = (await db.Enterprises.CountAsync(), await db.EnterpriseYears.CountAsync(), await db.AuditEntries.CountAsync(), await db.Users.CountAsync());
        Assert.Equal(before, after);
        Assert.Equal(DemoSeed.SyntheticCount + 14 + DemoSeed.OutsideLeaders.Length, before.Item1);
    }
}
