using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Platform.Auth;

namespace Rongtong.Tests.Platform;

public sealed class ScopeAndIdentityTests
{
    /// <summary>Adds a second carrier (zhuzhou) with its own operator (zhuzhou-op) and one enterprise.</summary>
    internal static async Task<(Carrier Carrier, string EnterpriseCode)> SecondCarrierAsync(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Rongtong.Web.Platform.Data.RongtongDb>();
        var carrier = new Carrier { Code = "zhuzhou", Name = "株洲测试载体", Zone = "株洲高新区", MainIndustries = "38" };
        db.Carriers.Add(carrier);
        await db.SaveChangesAsync();
        var code = DemoSeed.DemoCode(8888);
        var e = new Enterprise
        {
            CarrierId = carrier.Id, CreditCode = code, Name = "株洲测试电气有限公司", IndustryCode = "3823",
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        e.RefreshSearch();
        db.Enterprises.Add(e);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var op = new AppUser { UserName = "zhuzhou-op", DisplayName = "株洲运营", CarrierId = carrier.Id };
        Assert.True((await users.CreateAsync(op, DemoSeed.Password)).Succeeded);
        await users.AddToRoleAsync(op, Roles.Operator);
        return (carrier, code);
    }

    [Theory, Providers]
    public async Task An_operator_never_sees_another_carriers_enterprises(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, otherCode) = await SecondCarrierAsync(app);
        var hengyang = await app.ClientAsAsync("hengyang-op");
        Assert.Equal(HttpStatusCode.NotFound, (await hengyang.GetAsync($"/api/v1/enterprises/{otherCode}")).StatusCode);
        var list = await hengyang.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?q=" + Uri.EscapeDataString("株洲测试"));
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var edit = await hengyang.PutAsJsonAsync($"/api/v1/enterprises/{otherCode}", new { creditCode = otherCode, name = "x", industryCode = "3823" });
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);

        var zhuzhou = await app.ClientAsAsync("zhuzhou-op");
        var own = await zhuzhou.GetFromJsonAsync<JsonElement>("/api/v1/enterprises");
        Assert.Equal(1, own.GetProperty("total").GetInt32());
        // registering a code held by another carrier is refused without naming that carrier's enterprise
        var clash = await zhuzhou.PostAsJsonAsync("/api/v1/enterprises", new { creditCode = DemoSeed.DemoCode(1), name = "冒用", industryCode = "3823" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, clash.StatusCode);
        Assert.DoesNotContain("衡阳华菱钢管有限公司", await clash.Content.ReadAsStringAsync());
    }

    [Theory, Providers]
    public async Task An_authority_reads_only_the_carriers_in_its_scope_and_cannot_write(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await SecondCarrierAsync(app);
        var authority = await app.ClientAsAsync("hunan-gxt");
        var carriers = await authority.GetFromJsonAsync<JsonElement>("/api/v1/carriers");
        Assert.Equal(["hengyang"], carriers.EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToArray());
        Assert.Equal(HttpStatusCode.OK, (await authority.GetAsync($"/api/v1/enterprises/{DemoSeed.DemoCode(1)}")).StatusCode);
        var post = await authority.PostAsJsonAsync("/api/v1/enterprises", new { creditCode = DemoSeed.DemoCode(7777), name = "x", industryCode = "3823" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Theory, Providers]
    public async Task An_authoritys_change_to_another_carrier_is_audited_under_that_carrier(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (zhuzhou, _) = await SecondCarrierAsync(app);
        await using (var db = app.Db.NewContext())
        {
            var gxt = await db.Users.SingleAsync(u => u.UserName == "hunan-gxt");
            db.AuthorityScopes.Add(new AuthorityScope { UserId = gxt.Id, CarrierId = zhuzhou.Id });
            await db.SaveChangesAsync();
        }
        var op = await app.ClientAsAsync("zhuzhou-op");
        (await op.PutAsJsonAsync("/api/v1/carriers/zhuzhou/values", new { indicator = "I03", period = "2024Q1", kind = "Actual", value = 7 })).EnsureSuccessStatusCode();
        (await op.PostAsync("/api/v1/carriers/zhuzhou/periods/2024Q1/submit", null)).EnsureSuccessStatusCode();
        // the authority's current carrier is hengyang (its first); the value it returns is zhuzhou's
        var authority = await app.ClientAsAsync("hunan-gxt");
        (await authority.PostAsJsonAsync("/api/v1/carriers/zhuzhou/periods/2024Q1/return", new { indicator = "I03", kind = "Actual", message = "请补充材料" })).EnsureSuccessStatusCode();

        await using var check = app.Db.NewContext();
        var returned = await check.AuditEntries.Where(a => a.Actor == "hunan-gxt" && a.Field == "ReturnMessage").ToListAsync();
        Assert.Equal([zhuzhou.Id], returned.Select(a => a.CarrierId).ToArray());
        var hengyang = await check.Carriers.Where(c => c.Code == "hengyang").Select(c => c.Id).SingleAsync();
        Assert.False(await check.AuditEntries.AnyAsync(a => a.CarrierId == hengyang && a.NewValue == "请补充材料"));
    }

    [Fact]
    public async Task With_a_certificate_the_cookie_keys_are_encrypted_in_the_database()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=rongtong-test", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(Path.GetTempPath(), $"rongtong-dp-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, cert.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "test-password"));
        try
        {
            foreach (var encrypted in new[] { false, true })
            {
                await using var app = await TestApp.StartAsync(settings: encrypted
                    ? new Dictionary<string, string?> { ["DataProtection:Certificate"] = pfx, ["DataProtection:CertificatePassword"] = "test-password" }
                    : null);
                var client = await app.ClientAsAsync("hengyang-op");   // signing in makes the first key
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/enterprises")).StatusCode);
                await using var db = app.Db.NewContext();
                var xml = (await db.DataProtectionKeys.SingleAsync()).Xml!;
                Assert.Equal(encrypted, xml.Contains("encryptedSecret"));
                Assert.Equal(!encrypted, xml.Contains("<masterKey"));
                // and the key decrypts again from the database with the same certificate
                var keys = app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>();
                Assert.NotNull(Assert.Single(keys.GetAllKeys()).Descriptor);
            }
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        await using var app = await TestApp.StartAsync();
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var r = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "hengyang-op", password = "wrong-password-1" });
            Assert.Equal(i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.Locked, r.StatusCode);
        }
        var good = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "hengyang-op", password = DemoSeed.Password });
        Assert.Equal(HttpStatusCode.Locked, good.StatusCode);
    }

    [Theory, Providers]
    public async Task An_invitation_creates_a_scoped_user_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        string token;
        using (var scope = app.Services.CreateScope())
        {
            var http = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
            http.HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext { User = await PrincipalAsync(app, "hengyang-op") };
            var invite = scope.ServiceProvider.GetRequiredService<InviteUser>();
            var bad = await Assert.ThrowsAsync<Rongtong.Web.Platform.Errors.ValidationFailedException>(() =>
                invite.InviteAsync(new InviteInput { UserName = "新用户", DisplayName = "x", Role = Roles.Enterprise }));
            Assert.Contains(bad.Errors, e => e.Field == "enterpriseCode" && e.Rule == "required-for-role");
            var authority = await Assert.ThrowsAsync<Rongtong.Web.Platform.Errors.ValidationFailedException>(() =>
                invite.InviteAsync(new InviteInput { UserName = "新用户", DisplayName = "x", Role = Roles.Authority }));
            Assert.Contains(authority.Errors, e => e.Field == "role");
            token = await invite.InviteAsync(new InviteInput { UserName = "新用户", DisplayName = "金化科技财务", Role = Roles.Enterprise, EnterpriseCode = DemoSeed.DemoCode(9) });
        }
        using (var scope = app.Services.CreateScope())
        {
            var invite = scope.ServiceProvider.GetRequiredService<InviteUser>();
            var weak = await Assert.ThrowsAsync<Rongtong.Web.Platform.Errors.ValidationFailedException>(() => invite.AcceptAsync(token, "short"));
            Assert.Contains(weak.Errors, e => e.Field == "password");
            var user = await invite.AcceptAsync(token, "a-good-password-2026");
            Assert.Equal("新用户", user.UserName);
            var again = await Assert.ThrowsAsync<Rongtong.Web.Platform.Errors.ValidationFailedException>(() => invite.AcceptAsync(token, "a-good-password-2026"));
            Assert.Equal("valid-invitation", again.Errors[0].Rule);
        }
        var client = await app.ClientAsAsync("新用户", "a-good-password-2026");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/enterprises/{DemoSeed.DemoCode(9)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/enterprises/{DemoSeed.DemoCode(10)}")).StatusCode);
        await using var db = app.Db.NewContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "User" && a.EntityLabel == "新用户" && a.NewValue == Roles.Enterprise));
    }

    [Theory, Providers]
    public async Task One_name_invited_at_once_is_invited_once_and_one_link_opened_at_once_makes_one_user(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var op = await PrincipalAsync(app, "hengyang-op");
        async Task<string> InviteAsync(string name)
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext { User = op };
            return await scope.ServiceProvider.GetRequiredService<InviteUser>().InviteAsync(new InviteInput { UserName = name, DisplayName = "x", Role = Roles.Expert });
        }
        async Task<string> Outcome(Func<Task> act)
        {
            try { await act(); return "ok"; }
            catch (Rongtong.Web.Platform.Errors.ValidationFailedException ex) { return ex.Errors[0].Rule; }
        }
        var tokens = new System.Collections.Concurrent.ConcurrentBag<string>();
        var invited = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Outcome(async () => tokens.Add(await InviteAsync("同时邀请"))))));
        Assert.Equal(["ok", "unique", "unique", "unique", "unique", "unique"], invited.Order(StringComparer.Ordinal));

        var token = Assert.Single(tokens);
        var accepted = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Outcome(async () =>
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<InviteUser>().AcceptAsync(token, "a-good-password-2026");
        }))));
        Assert.Equal(["ok", "valid-invitation", "valid-invitation", "valid-invitation", "valid-invitation", "valid-invitation"], accepted.Order(StringComparer.Ordinal));
        await using var db = app.Db.NewContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == "同时邀请"));

        // an invitation that expired unused no longer holds its name
        await InviteAsync("过期邀请");
        await db.Invitations.Where(i => i.UserName == "过期邀请").ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddDays(-1)));
        await InviteAsync("过期邀请");
        Assert.Equal(1, await db.Invitations.CountAsync(i => i.UserName == "过期邀请"));

        // user names compare without case, as Identity's do
        await InviteAsync("Alice");
        var upper = await Outcome(() => InviteAsync("alice"));
        Assert.Equal("unique", upper);
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(TestApp app, string userName)
    {
        using var scope = app.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await signIn.UserManager.FindByNameAsync(userName);
        return await signIn.CreateUserPrincipalAsync(user!);
    }
}
