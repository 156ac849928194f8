using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rongtong.BrowserTests.Support;
using Rongtong.Web.Features.Performance;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>
/// The year's indicators from entry to the approved report: the operator fixes a contradiction the validation found
/// and writes a reason, submits; the authority returns one value; the operator corrects it; the authority approves;
/// the operator takes the approved version and downloads the PDF, whose text is read back.
/// </summary>
public sealed class PerformanceJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entry_submit_return_fix_approve_and_download_the_report()
    {
        // seven of the seed's eight contradicting baselines are corrected beforehand; the eighth is fixed on screen
        await using (var db = Db())
        {
            var fixes = new Dictionary<string, decimal> { ["I16"] = 8, ["I17"] = 5121000, ["I18"] = 318176, ["I19"] = 1.52m, ["I20"] = 40700, ["I21"] = 2500, ["I22"] = 23 };
            var rows = await db.IndicatorValues.Include(v => v.Indicator)
                .Where(v => v.Year == 2020 && v.Kind == ValueKind.Baseline && fixes.Keys.Contains(v.Indicator!.Code)).ToListAsync(Ct);
            foreach (var r in rows) r.Value = fixes[r.Indicator!.Code];
            await db.SaveChangesAsync(Ct);
        }

        var op = Page;
        await SignInAsync(op, "hengyang-op");
        await op.GotoAsync("/Performance?period=2020Y");
        await Expect(op.Locator("main h1")).ToHaveTextAsync("绩效指标");
        await Expect(op.Locator("tr[data-indicator=I06] .badge.st-missed")).ToHaveTextAsync("未完成");
        await ShotAsync(op, "20-performance-board-2020");

        // submitting is refused, naming the rules
        await SubmitAsync(op, op.Locator("#submit-period"));
        var errors = op.Locator(".alert.error");
        await Expect(errors).ToContainTextAsync("I11");
        await Expect(errors).ToContainTextAsync("未达到绩效目标的原因");
        await ShotAsync(op, "20-submit-refused");

        // fix the baseline of 毕业数: the seed's text says 31, its table's 2019 actual is 30
        await op.GotoAsync("/Performance/Indicators/I11?period=2020Y");
        var baseline = op.Locator("#value-baseline");
        await baseline.Locator("input[name='Input.Value']").FillAsync("30");
        await baseline.Locator("input[name='Input.Note']").FillAsync("按2019年完成值更正");
        await SubmitAsync(op, baseline.Locator("button.primary"));
        await Expect(op.Locator(".alert.ok")).ToContainTextAsync("已保存");
        await Expect(op.Locator("table").Last).ToContainTextAsync("31");
        await ShotAsync(op, "20-baseline-fixed-with-history");

        // a bad number is refused with the field named, nothing saved
        await op.GotoAsync("/Performance/Indicators/I09?period=2020Y");
        var target = op.Locator("#value-target");
        await target.Locator("input[name='Input.Value']").FillAsync("120");
        await SubmitAsync(op, target.Locator("button.primary"));
        await Expect(op.Locator(".alert.error")).ToContainTextAsync("百分比须在 0 到 100 之间");

        // the reason for the missed 路演 target
        await op.GotoAsync("/Performance/Indicators/I06?period=2020Y");
        var actual = op.Locator("#value-actual");
        await actual.Locator("textarea[name='Input.MissReason']").FillAsync("受疫情影响，线下路演活动减少。");
        await SubmitAsync(op, actual.Locator("button.primary"));
        await Expect(op.Locator(".alert.ok")).ToBeVisibleAsync();

        await op.GotoAsync("/Performance?period=2020Y");
        await SubmitAsync(op, op.Locator("#submit-period"));
        await Expect(op.Locator(".alert.ok")).ToContainTextAsync("已报送");

        // the authority returns one value
        var gxtContext = await NewContextAsync();
        var gxt = await gxtContext.NewPageAsync();
        await SignInAsync(gxt, "hunan-gxt");
        await gxt.GotoAsync("/Performance/Indicators/I04?period=2020Y");
        var returnForm = gxt.Locator("#value-actual form.return-form");
        await returnForm.Locator("input[name=ReturnMessage]").FillAsync("请附平台合作协议");
        await SubmitAsync(gxt, returnForm.Locator("button"));
        await Expect(gxt.Locator("#value-actual .alert.warn")).ToContainTextAsync("请附平台合作协议");
        await ShotAsync(gxt, "20-value-returned");

        // the operator sees it, corrects it with evidence
        await op.GotoAsync("/Performance?period=2020Y&status=returned");
        await Expect(op.Locator("tr[data-indicator]")).ToHaveCountAsync(1);
        await op.Locator("tr[data-indicator=I04] a").ClickAsync();
        var returned = op.Locator("#value-actual");
        await returned.Locator("input[name='Input.Note']").FillAsync("已补平台合作协议");
        await SubmitAsync(op, returned.Locator("button.primary"));
        await Expect(op.Locator("#value-actual .alert.warn")).ToHaveCountAsync(0);

        // approval locks the year
        await gxt.GotoAsync("/Performance?period=2020Y");
        await SubmitAsync(gxt, gxt.Locator("#approve-period"));
        await Expect(gxt.Locator(".alert.ok")).ToContainTextAsync("已批准");
        await Expect(gxt.Locator(".badge.period-approved")).ToBeVisibleAsync();
        await ShotAsync(gxt, "20-approved");

        // the approved version and its PDF
        await op.GotoAsync("/Reports?year=2020");
        await SubmitAsync(op, op.Locator("#take-snapshot"));
        await Expect(op.Locator(".alert.ok")).ToContainTextAsync("已生成");
        await ShotAsync(op, "20-report-page");
        // rendering the PDF (charts, font subsetting) can take seconds on a busy machine
        var download = await op.RunAndWaitForDownloadAsync(() => op.GetByRole(AriaRole.Link, new() { Name = "PDF", Exact = true }).First.ClickAsync(), new() { Timeout = 90_000 });
        var path = await download.PathAsync();
        var text = PdfText(path);
        Assert.Contains("第1版", text);
        Assert.DoesNotContain("草稿", text);
        Assert.Contains("入驻企业毕业数达39家（2019年基准值30家", text);
        Assert.Contains("原因：受疫情影响", text);
        await using (var db = Db())
            Assert.Equal(PeriodStatus.Approved, (await db.PerformancePeriods.SingleAsync(p => p.Year == 2020 && p.Kind == PeriodKind.Y, Ct)).Status);

        // a narrative posted for a year out of range (a crafted or stale form) is refused, not saved under the year shown
        var post = op.Context.APIRequest.CreateFormData();
        post.Set("__RequestVerificationToken", await op.Locator("#narratives input[name=__RequestVerificationToken]").First.InputValueAsync());
        post.Set("Section", "6");
        post.Set("Text", "不应保存");
        var refused = await op.Context.APIRequest.PostAsync("/Reports?handler=Narrative&year=0", new() { Form = post, MaxRedirects = 0 });
        Assert.Equal(200, refused.Status);
        Assert.Contains("年度须在 2000 至 2100 之间", await refused.TextAsync());
        await using (var db = Db())
            Assert.False(await db.ReportNarratives.AnyAsync(n => n.Text == "不应保存", Ct));
    }

    private static string PdfText(string path)
    {
        var p = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
    }
}
