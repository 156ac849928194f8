using Microsoft.EntityFrameworkCore;
using Rongtong.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>
/// The indicator catalogue: the authority opens it from the board, adds an indicator with a bad code (refused, nothing
/// saved), fixes it and finds it in the list; a change that would alter approved figures is refused naming the year;
/// the jump factor is changed; the pages in English; the operator reads the catalogue without any edit link.
/// </summary>
public sealed class CatalogueJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_authority_adds_an_indicator_after_a_refused_code_and_the_operator_only_reads()
    {
        var gxt = Page;
        await SignInAsync(gxt, "hunan-gxt");
        await gxt.GotoAsync("/Performance?period=2020Y");
        await gxt.Locator("#catalogue-link").ClickAsync();
        await gxt.WaitForURLAsync("**/Performance/Catalogue");
        await Expect(gxt.Locator("main h1")).ToHaveTextAsync("指标体系");
        await Expect(gxt.Locator("tr[data-indicator=I02]")).ToContainTextAsync("从业人员数");
        await Expect(gxt.Locator("tr[data-indicator=I02]")).ToContainTextAsync("期末在区企业当年从业人员合计");
        await Expect(gxt.Locator("#jump-factor b")).ToHaveTextAsync("2");
        await ShotAsync(gxt, "21-catalogue");

        // a bad code: refused with the field and the rule named, nothing saved
        await gxt.Locator("#add-indicator").ClickAsync();
        await gxt.WaitForURLAsync("**/Performance/Catalogue/Edit");
        var form = gxt.Locator("#indicator-form");
        await form.Locator("input[name='Input.Code']").FillAsync("i25");
        await form.Locator("input[name='Input.DimensionZh']").FillAsync("辐射带动力");
        await form.Locator("input[name='Input.NameZh']").FillAsync("龙头企业开放实验室数");
        await form.Locator("input[name='Input.NameEn']").FillAsync("Labs opened by leading enterprises");
        await form.Locator("input[name='Input.Unit']").FillAsync("个");
        await form.Locator("input[name='Input.UnitEn']").FillAsync("labs");
        await form.Locator("input[name='Input.Weight']").FillAsync("2");
        await SubmitAsync(gxt, gxt.Locator("#save-indicator"));
        await Expect(gxt.Locator(".alert.error")).ToContainTextAsync("指标代码须以大写字母开头");
        await Expect(form.Locator("input[name='Input.NameZh']")).ToHaveValueAsync("龙头企业开放实验室数");
        await ShotAsync(gxt, "21-add-refused");
        await using (var db = Db())
            Assert.False(await db.Indicators.AnyAsync(i => i.Code == "i25" || i.Code == "I25", Ct));

        // fixed: saved and listed under its dimension
        await form.Locator("input[name='Input.Code']").FillAsync("I25");
        await SubmitAsync(gxt, gxt.Locator("#save-indicator"));
        await Expect(gxt.Locator(".alert.ok")).ToContainTextAsync("I25");
        var row = gxt.Locator("tr[data-indicator=I25]");
        await Expect(row).ToContainTextAsync("龙头企业开放实验室数");
        await Expect(row).ToContainTextAsync("填报");
        await ShotAsync(gxt, "21-added");

        // an indicator with approved values keeps its unit: refused, naming 2019
        await gxt.GotoAsync("/Performance/Catalogue/Edit/I03");
        await Expect(gxt.Locator("#approved-periods")).ToContainTextAsync("2019年");
        await form.Locator("input[name='Input.Unit']").FillAsync("个");
        await SubmitAsync(gxt, gxt.Locator("#save-indicator"));
        await Expect(gxt.Locator(".alert.error")).ToContainTextAsync("不能修改单位");
        await Expect(gxt.Locator(".alert.error")).ToContainTextAsync("2019年");
        await ShotAsync(gxt, "21-unit-refused");

        // the jump factor
        await gxt.GotoAsync("/Performance/Catalogue");
        await gxt.Locator("#jump-factor-form input[name=JumpFactor]").FillAsync("0");
        await SubmitAsync(gxt, gxt.Locator("#jump-factor-form button"));
        await Expect(gxt.Locator(".alert.error")).ToContainTextAsync("跳变倍数须大于 0");
        await gxt.Locator("#jump-factor-form input[name=JumpFactor]").FillAsync("3");
        await SubmitAsync(gxt, gxt.Locator("#jump-factor-form button"));
        await Expect(gxt.Locator(".alert.ok")).ToContainTextAsync("跳变倍数已保存");
        await Expect(gxt.Locator("#jump-factor b")).ToHaveTextAsync("3");

        // in English
        await gxt.GotoAsync("/lang/en?returnUrl=%2FPerformance%2FCatalogue");
        await Expect(gxt.Locator("main h1")).ToHaveTextAsync("Indicator catalogue");
        await Expect(gxt.Locator("tr[data-indicator=I02]")).ToContainTextAsync("Half-yearly");
        await ShotAsync(gxt, "21-catalogue");
        await gxt.GotoAsync("/Performance/Catalogue/Edit/I03");
        await form.Locator("input[name='Input.Unit']").FillAsync("个");
        await SubmitAsync(gxt, gxt.Locator("#save-indicator"));
        await Expect(gxt.Locator(".alert.error")).ToContainTextAsync("its unit cannot change");
        await ShotAsync(gxt, "21-unit-refused");
        await gxt.GotoAsync("/Performance/Catalogue/Edit");
        await ShotAsync(gxt, "21-add");

        // the operator reads the catalogue, with no way to change it
        var opContext = await NewContextAsync();
        var op = await opContext.NewPageAsync();
        await SignInAsync(op, "hengyang-op");
        await op.GotoAsync("/Performance/Catalogue");
        await Expect(op.Locator("tr[data-indicator=I25]")).ToBeVisibleAsync();
        await Expect(op.Locator("a.edit-indicator")).ToHaveCountAsync(0);
        await Expect(op.Locator("#add-indicator")).ToHaveCountAsync(0);
        await Expect(op.Locator("#jump-factor-form")).ToHaveCountAsync(0);
        await ShotAsync(op, "21-catalogue-operator");
        await TypeUrlAsync(op, "/Performance/Catalogue/Edit/I25");
        Assert.Contains("/Account/AccessDenied", op.Url);
    }
}
