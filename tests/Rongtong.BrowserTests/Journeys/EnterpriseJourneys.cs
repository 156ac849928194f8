using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rongtong.BrowserTests.Support;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Features.Registry.Rules;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>Journeys 2 and 3: the operator adds an enterprise (credit-code check) and files its yearly figures.</summary>
public sealed class EnterpriseJourneys(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Operator_adds_an_enterprise_after_fixing_a_wrong_check_character_and_the_audit_log_shows_it()
    {
        var page = Page;
        var code = DemoSeed.DemoCode(9001); // valid, not in the demo data
        var wrong = code[..17] + WrongCheckChar(code);
        Assert.Equal(18, wrong.Length);
        Assert.False(CreditCode.Validate(wrong).Ok);
        const string name = "衡阳浏览器精密机械有限公司";

        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Registry/Enterprises");
        await page.GetByRole(AriaRole.Link, new() { Name = "新增企业" }).ClickAsync();
        await page.WaitForURLAsync("**/Registry/Enterprises/Edit");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("新增企业");
        await ShotAsync(page, "02-add-enterprise-empty");

        await page.FillAsync("[name='Input.CreditCode']", wrong);
        await page.FillAsync("[name='Input.Name']", name);
        await page.FillAsync("[name='Input.IndustryCode']", "C3484");
        await page.FillAsync("[name='Input.Address']", "湖南省衡阳市高新区解放大道1号");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "保存" }));

        Assert.EndsWith("/Registry/Enterprises/Edit", page.Url); // still on the form
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("校验位");
        var codeError = page.Locator("label:has([name='Input.CreditCode']) .field-error");
        await Expect(codeError).ToContainTextAsync("校验位");
        await Expect(codeError).ToContainTextAsync($"第18位应为“{code[17]}”");
        await Expect(page.Locator("label:has([name='Input.Name']) .field-error")).ToBeEmptyAsync();
        await Expect(page.Locator("[name='Input.CreditCode']")).ToHaveValueAsync(wrong); // what was typed is kept
        await Expect(page.Locator("[name='Input.Name']")).ToHaveValueAsync(name);
        await ShotAsync(page, "02-add-enterprise-wrong-check-character");
        await using (var db = Db())
        {
            Assert.False(await db.Enterprises.AnyAsync(e => e.CreditCode == wrong || e.CreditCode == code || e.Name == name, Ct));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityLabel == wrong || a.EntityLabel == code, Ct));
        }

        await page.FillAsync("[name='Input.CreditCode']", code);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        Assert.Contains($"/Registry/Enterprises/{code}", page.Url);
        await Expect(page.Locator("main h1")).ToHaveTextAsync(name);
        await Expect(page.Locator(".page-head .code")).ToHaveTextAsync(code);
        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("已保存");
        await ShotAsync(page, "02-enterprise-detail-saved");
        await using (var db = Db())
        {
            var e = await db.Enterprises.SingleAsync(x => x.CreditCode == code, Ct);
            Assert.Equal(name, e.Name);
            Assert.Equal("3484", e.IndustryCode.TrimStart('C'));
            Assert.False(e.IsDemo);
            Assert.Null(e.SizeClass);
        }

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "审计日志" }).ClickAsync();
        await page.WaitForURLAsync("**/Admin/Audit");
        var row = page.Locator("#audit tbody tr", new() { HasText = code }).Filter(new() { HasText = "新增" });
        await Expect(row.First).ToContainTextAsync("hengyang-op");
        await Expect(row.First).ToContainTextAsync("企业");
        await ShotAsync(page, "02-audit-log");
    }

    [Fact]
    public async Task Operator_files_yearly_figures_refused_when_degree_holders_exceed_employees_then_sees_the_size_class()
    {
        var page = Page;
        var code = DemoSeed.DemoCode(9002);
        const string name = "衡阳浏览器钢结构有限公司";
        await SignInAsync(page, "hengyang-op");
        await AddEnterpriseAsync(page, code, name, "C3311");

        await page.GetByRole(AriaRole.Link, new() { Name = "填报年度数据" }).ClickAsync();
        await page.WaitForURLAsync($"**/Registry/Enterprises/{code}/Figures");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("填报年度数据");
        var year = int.Parse(await page.InputValueAsync("#Input_Year"));
        Assert.Equal(DateTime.UtcNow.Year - 1, year);
        await page.FillAsync("#Input_Employees", "50");
        await page.FillAsync("#Input_DegreeHolders", "80");
        await page.FillAsync("#Input_Revenue", "3000");
        await page.FillAsync("#Input_TotalAssets", "2500");
        await page.FillAsync("#Input_RnD", "120.5");
        await ShotAsync(page, "03-figures-form");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "保存" }));

        await Expect(page.Locator("#form-errors")).ToContainTextAsync("大专及以上学历人数（80）不能多于从业人员（50）");
        await Expect(page.Locator("label:has(#Input_DegreeHolders) .field-error")).ToContainTextAsync("不能多于从业人员");
        await Expect(page.Locator("#Input_DegreeHolders")).ToHaveValueAsync("80");
        await Expect(page.Locator("#Input_Employees")).ToHaveValueAsync("50");
        await ShotAsync(page, "03-figures-degree-holders-exceed-employees");
        await using (var db = Db())
        {
            var e = await db.Enterprises.SingleAsync(x => x.CreditCode == code, Ct);
            Assert.False(await db.EnterpriseYears.AnyAsync(y => y.EnterpriseId == e.Id, Ct));
            Assert.Null(e.SizeClass);
        }

        await page.FillAsync("#Input_DegreeHolders", "30");
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        Assert.Contains($"/Registry/Enterprises/{code}?saved={year}", page.Url);
        var expected = SizeClassifier.Classify("3311", 50, 3000m, 2500m, year).Class;
        Assert.Equal(SizeClass.Small, expected); // 50 people, 30 million CNY: a small manufacturer
        await Expect(page.Locator(".page-head .badge.small")).ToHaveTextAsync($"小型 ({year})");
        var yearRow = page.Locator("#years tbody tr").First;
        await Expect(yearRow).ToContainTextAsync(year.ToString());
        await Expect(yearRow.Locator(".badge.small")).ToHaveTextAsync("小型");
        await ShotAsync(page, "03-detail-with-size-class");
        await using (var db = Db())
        {
            var e = await db.Enterprises.SingleAsync(x => x.CreditCode == code, Ct);
            var y = await db.EnterpriseYears.SingleAsync(x => x.EnterpriseId == e.Id, Ct);
            Assert.Equal((year, 50, 30, 3000m, 120.5m), (y.Year, y.Employees, y.DegreeHolders, y.Revenue, y.RnD));
            Assert.Equal(expected, y.SizeClass);
            Assert.Equal((expected, year), (e.SizeClass, e.SizeYear));
        }
    }

    private static async Task AddEnterpriseAsync(IPage page, string code, string name, string industry)
    {
        await page.GotoAsync("/Registry/Enterprises/Edit");
        await page.FillAsync("[name='Input.CreditCode']", code);
        await page.FillAsync("[name='Input.Name']", name);
        await page.FillAsync("[name='Input.IndustryCode']", industry);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        Assert.Contains($"/Registry/Enterprises/{code}", page.Url);
        await Expect(page.Locator("main h1")).ToHaveTextAsync(name);
    }

    /// <summary>Another allowed character than the right check character: the code keeps its shape.</summary>
    private static char WrongCheckChar(string code) => code[17] == '0' ? '1' : '0';

    /// <summary>A carrier form with letters in a number field says so and keeps the stored value.</summary>
    [Fact]
    public async Task Letters_in_the_carriers_land_area_are_refused_and_nothing_changes()
    {
        var page = Page;
        decimal? before;
        await using (var db = Db()) before = (await db.Carriers.SingleAsync(c => c.Code == "hengyang", TestContext.Current.CancellationToken)).LandArea;
        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Registry/Carriers");
        await page.FillAsync("#Input_LandArea", "abc");
        await SubmitAsync(page, page.Locator("main button[type=submit]"));
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("占地面积必须是数字");
        await using (var db = Db())
            Assert.Equal(before, (await db.Carriers.SingleAsync(c => c.Code == "hengyang", TestContext.Current.CancellationToken)).LandArea);
    }
}
