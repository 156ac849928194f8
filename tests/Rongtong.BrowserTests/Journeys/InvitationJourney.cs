using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rongtong.BrowserTests.Support;
using Rongtong.Web.Platform.Auth;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>Journey 7: the operator invites an SME user; the invitee sets a password through the link and is signed in.</summary>
public sealed class InvitationJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    private const string Enterprise = "湖南湘梦电子商务科技有限公司"; // demo enterprise without a user
    private const string UserName = "湘梦-张经理";
    private const string DisplayName = "张经理（湘梦电商）";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Operator_invites_an_SME_user_who_sets_a_password_and_sees_its_enterprise()
    {
        var page = Page;
        string code;
        await using (var db = Db()) code = await db.Enterprises.Where(e => e.Name == Enterprise).Select(e => e.CreditCode).SingleAsync(Ct);

        await SignInAsync(page, "hengyang-op");
        await page.Locator("nav.main-nav").GetByRole(AriaRole.Link, new() { Name = "用户" }).ClickAsync();
        await page.WaitForURLAsync("**/Admin/Users");
        await Expect(page.Locator("#users")).ToContainTextAsync("sme-tezhijia");
        await ShotAsync(page, "07-users");

        await page.FillAsync("[name='Input.UserName']", UserName);
        await page.FillAsync("[name='Input.DisplayName']", DisplayName);
        await page.SelectOptionAsync("[name='Input.Role']", new SelectOptionValue { Label = "中小企业" });
        await page.FillAsync("[name='Input.EnterpriseCode']", code);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "创建邀请" }));
        var link = await page.InputValueAsync("#invitation-link");
        Assert.StartsWith($"{App.BaseUrl}/Account/AcceptInvite?token=", link);
        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("仅显示一次");
        await Expect(page.Locator("main")).ToContainTextAsync("待接受的邀请");
        await Expect(page.Locator("main table").Last).ToContainTextAsync(UserName);
        await ShotAsync(page, "07-invitation-created");
        await using (var db = Db())
        {
            var inv = await db.Invitations.SingleAsync(i => i.UserName == UserName, Ct);
            Assert.Equal((Roles.Enterprise, (DateTime?)null), (inv.Role, inv.AcceptedAt));
            Assert.False(await db.Users.AnyAsync(u => u.UserName == UserName, Ct));
        }

        // the invitee, in a browser of its own
        var invitee = await (await NewContextAsync()).NewPageAsync();
        await invitee.GotoAsync(link);
        await Expect(invitee.Locator("main h1")).ToHaveTextAsync("设置密码");
        await ShotAsync(invitee, "07-accept-invite");

        await SetPasswordAsync(invitee, "xiangmeng2026", "xiangmeng2062");
        await Expect(invitee.Locator("#form-errors")).ToContainTextAsync("两次输入的密码不一致");
        await ShotAsync(invitee, "07-accept-invite-mismatch");

        await SetPasswordAsync(invitee, "abc12", "abc12");
        await Expect(invitee.Locator("#form-errors")).ToContainTextAsync("密码至少10位");
        await ShotAsync(invitee, "07-accept-invite-weak");
        await SetPasswordAsync(invitee, "xiangmengdianshang", "xiangmengdianshang");
        await Expect(invitee.Locator("#form-errors")).ToContainTextAsync("密码须包含数字");
        await using (var db = Db()) Assert.False(await db.Users.AnyAsync(u => u.UserName == UserName, Ct));

        await SetPasswordAsync(invitee, "xiangmeng2026", "xiangmeng2026");
        await invitee.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
        await Expect(invitee.Locator("header .who")).ToHaveTextAsync(DisplayName);
        await Expect(invitee.Locator(".alert.info")).ToContainTextAsync(Enterprise);
        await ShotAsync(invitee, "07-invitee-home");
        await invitee.Locator("nav.main-nav").GetByRole(AriaRole.Link, new() { Name = "本企业" }).ClickAsync();
        await invitee.WaitForURLAsync("**/Registry/Enterprises/*");
        await Expect(invitee.Locator("main h1")).ToHaveTextAsync(Enterprise);
        await Expect(invitee.Locator(".page-head .code")).ToHaveTextAsync(code);
        await ShotAsync(invitee, "07-invitee-own-enterprise");
        await using (var db = Db())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == UserName, Ct);
            var enterpriseId = await db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Id).SingleAsync(Ct);
            Assert.Equal(enterpriseId, user.EnterpriseId);
            var role = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).SingleAsync(Ct);
            Assert.Equal(Roles.Enterprise, role);
            Assert.NotNull((await db.Invitations.SingleAsync(i => i.UserName == UserName, Ct)).AcceptedAt);
        }

        // the link works once only
        var again = await (await NewContextAsync()).NewPageAsync();
        await again.GotoAsync(link);
        await SetPasswordAsync(again, "another2026x", "another2026x");
        await Expect(again.Locator("#form-errors")).ToContainTextAsync("邀请链接无效、已使用或已过期");
        await ShotAsync(again, "07-accept-invite-used-link");
    }

    private static async Task SetPasswordAsync(IPage page, string password, string confirm)
    {
        await page.FillAsync("#Password", password);
        await page.FillAsync("#Confirm", confirm);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "完成并登录" }));
    }
}
