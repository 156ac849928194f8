using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rongtong.BrowserTests.Support;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Rongtong.BrowserTests.Journeys;

/// <summary>
/// The operator sets a milestone; the implementing unit's user uploads a progress photo (a mislabelled file first,
/// refused with nothing lost), reports the milestone done, and cannot reach another unit's sub-project; the
/// operator approves the milestone.
/// </summary>
public sealed class ProjectsJourney(BrowserFixture browser, BrowserApp app) : Journey(browser, app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Photo()
    {
        using var bitmap = new SKBitmap(800, 600);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.IndianRed };
            canvas.DrawRect(150, 250, 500, 300, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }

    [Fact]
    public async Task The_unit_uploads_a_progress_photo_and_reports_a_milestone_the_operator_approves()
    {
        var page = Page;
        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Projects");
        await Expect(page.Locator("#projects tr[data-code='1.2-04']")).ToContainTextAsync("30.1%");
        await page.GotoAsync("/Projects/1.2-05");
        var milestone = page.Locator("#milestone-form");
        await milestone.Locator("input[name=name]").FillAsync("试验台安装调试完成");
        await milestone.Locator("input[name=dueOn]").FillAsync("2020-12-31");
        await SubmitAsync(page, milestone.Locator("button"));
        await Expect(page.Locator("#milestones-table")).ToContainTextAsync("试验台安装调试完成");
        await SignOutAsync(page);

        await SignInAsync(page, "sme-changhong");
        await page.GotoAsync("/Projects");
        await Expect(page.Locator("#projects tbody tr[data-code]")).ToHaveCountAsync(1);
        Assert.Equal(404, await TypeUrlAsync(page, "/Projects/1.2-04"));
        await page.GotoAsync("/Projects/1.2-05");
        var form = page.Locator("#progress-form");
        await form.Locator("input[name=on]").FillAsync("2020-11-30");
        await form.Locator("input[name=invested]").FillAsync("612.5");
        await form.Locator("textarea[name=text]").FillAsync("研发中心主体装修完成，环保锅炉试验台安装调试完毕。");
        await form.Locator("input[name=caption]").FillAsync("试验台安装现场");
        await form.Locator("input[name=files]").SetInputFilesAsync(new FilePayload { Name = "现场.jpg", MimeType = "image/jpeg", Buffer = "just text"u8.ToArray() });
        await SubmitAsync(page, form.Locator("button"));
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("现场.jpg：文件内容与扩展名“.jpg”不符");
        await Expect(form.Locator("textarea[name=text]")).ToHaveValueAsync("研发中心主体装修完成，环保锅炉试验台安装调试完毕。"); // nothing typed is lost
        await using (var db = Db())
            Assert.Equal(0, await db.Attachments.CountAsync(Ct));

        await form.Locator("input[name=files]").SetInputFilesAsync(new FilePayload { Name = "现场.jpg", MimeType = "image/jpeg", Buffer = Photo() });
        await SubmitAsync(page, form.Locator("button"));
        await Expect(page.Locator(".alert.ok")).ToBeVisibleAsync();
        await Expect(page.Locator("#sentence")).ToContainTextAsync("完成资金投入612.5万元，完成项目总投入910万元的67.3%");
        var img = page.Locator("#timeline .photos img");
        await Expect(img).ToHaveAttributeAsync("alt", "试验台安装现场");
        await Expect(img).ToHaveJSPropertyAsync("naturalWidth", 800); // the photo is served and shown (waits for it to load)

        var row = page.Locator("#milestones-table tr", new() { HasText = "试验台安装调试完成" });
        await row.Locator("input[name=doneOn]").FillAsync("2020-11-30");
        await SubmitAsync(page, row.Locator("button"));
        await Expect(page.Locator("#milestones-table")).ToContainTextAsync("已报完成，待验收");
        await Expect(page.Locator("#milestones-table button", new() { HasText = "验收" })).ToHaveCountAsync(0); // the unit cannot approve
        await ShotAsync(page, "22-project-unit");
        // the edit form is the operator's: posted by the unit's user with a valid token, it is not found (and does not
        // say whether the registry holds the unit typed)
        var post = page.Context.APIRequest.CreateFormData();
        post.Set("__RequestVerificationToken", await page.Locator("#progress-form input[name=__RequestVerificationToken]").InputValueAsync());
        post.Set("Code", "1.2-05");
        post.Set("Name", "改名");
        post.Set("Unit", "衡阳不存在的单位");
        var edit = await page.Context.APIRequest.PostAsync("/Projects/1.2-05?handler=Edit", new() { Form = post, MaxRedirects = 0 });
        Assert.Equal(404, edit.Status);
        await SignOutAsync(page);

        await SignInAsync(page, "hengyang-op");
        await page.GotoAsync("/Projects/1.2-05");
        await SubmitAsync(page, page.Locator("#milestones-table button", new() { HasText = "验收" }));
        await Expect(page.Locator("#milestones")).ToHaveTextAsync("1/1");
        await ShotAsync(page, "22-project-operator");

        // the implementing unit is a typed field holding "name（credit code）"; an unknown unit is refused by name
        await page.Locator("details:has(#edit-form) summary").ClickAsync();
        var unit = page.Locator("#edit-form input[name=Unit]");
        var current = await unit.InputValueAsync();
        Assert.Matches("（[0-9A-Z]{18}）$", current);
        await unit.FillAsync("衡阳不存在的单位");
        await SubmitAsync(page, page.Locator("#edit-form button[type=submit]"));
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("实施单位：本载体主体库中没有名为“衡阳不存在的单位”的单位");
        await Expect(unit).ToHaveValueAsync("衡阳不存在的单位");
        await unit.FillAsync(current);
        await SubmitAsync(page, page.Locator("#edit-form button[type=submit]"));
        await Expect(page.Locator(".alert.ok")).ToBeVisibleAsync();
        await page.Locator("details:has(#edit-form) summary").ClickAsync();
        await Expect(unit).ToHaveValueAsync(current);
        await ShotAsync(page, "22-project-edit");
    }
}
