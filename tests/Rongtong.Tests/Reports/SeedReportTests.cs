using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Rongtong.Tests.Reports.Rendering;
using Rongtong.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Rongtong.Tests.Reports;

/// <summary>The seed carrier's 2020 report rendered in every format, its content read back (not just that a file exists).</summary>
public sealed class SeedReportTests
{
    private const string Sentence = "从业人员数达0.86万人（2019年基准值0.56万人，2020年目标值0.71万人），超额完成全年目标，比2019年增长53.6%";

    [Fact]
    public async Task The_2020_draft_renders_in_every_format_with_generated_sentences_tables_and_the_draft_mark()
    {
        await using var app = await TestApp.StartAsync();
        var op = await app.ClientAsAsync("hengyang-op");
        async Task<byte[]> Get(string f) => await (await op.GetAsync($"/api/v1/carriers/hengyang/reports/2020/report.{f}?draft=true")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();

        var pdf = PopplerTools.WriteTemp(await Get("pdf"), ".pdf");
        var pages = PopplerTools.PageTexts(pdf);
        var all = PopplerTools.Squash(string.Join("", pages));
        Assert.Contains(PopplerTools.Squash(Sentence), all);
        Assert.Contains("比2019年增长79.4%", all); // computed, where the seed typed "增长179%"
        Assert.Contains("未完成全年目标，差20次", all);
        Assert.Contains("原因：因为疫情影响", all);
        Assert.All(pages.Where(p => p.Trim().Length > 0), p => Assert.Contains("草稿", p));
        Assert.Contains("五、未达到绩效目标的原因和下一步改进措施", all);
        // the seed's structure: section 一's three parts in order, and section 五's reasons numbered under its own heading
        static int At(string all, string s)
        {
            var at = all.IndexOf(PopplerTools.Squash(s), StringComparison.Ordinal);
            Assert.True(at >= 0, $"missing: {s}");
            return at;
        }
        Assert.True(At(all, "（一）双创特色载体发展情况") < At(all, "（二）政策实施情况") && At(all, "（二）政策实施情况") < At(all, "（三）创新性举措")
            && At(all, "（三）创新性举措") < At(all, "二、资金管理使用情况"), "section 一 out of order");
        Assert.True(At(all, "（二）原因分析及下一步改进措施") < At(all, "1、特色载体的盈利模式单一"), "section 五's reasons are not under its heading");
        Assert.DoesNotContain(PopplerTools.Squash("（一）特色载体的盈利模式单一"), all);
        // section 一 from the sub-projects: the percentage computed from the amounts (the seed typed 30.9%)
        Assert.Contains("1.2企业技术创新能力提升工程建设进度", all);
        Assert.Contains("风顺车桥技术中心研发能力提升项目：完成资金投入137.8万元，完成项目总投入458万元的30.1%。", all);
        // section 二 from the fund ledger
        Assert.Contains("合计资金到位4000.00万元。2019年拨付资金到各子项目合计2380.00万元，2020年拨付资金到各子项目合计1020.00万元，合计拨付3400.00万元，资金执行率85%。", all);

        using (var docx = WordprocessingDocument.Open(new MemoryStream(await Get("docx")), false))
        {
            var text = PopplerTools.Squash(docx.MainDocumentPart!.Document!.Body!.InnerText);
            Assert.Contains(PopplerTools.Squash(Sentence), text);
            Assert.Contains("辐射带动力指标完成情况", text);
        }

        var html = System.Text.Encoding.UTF8.GetString(await Get("html"));
        Assert.Contains(Sentence, html);
        Assert.Contains("data:image/png;base64,", html);

        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await Get("xlsx")), false))
        {
            var sheets = xlsx.WorkbookPart!.Workbook!.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal(["子项目1.1", "子项目1.2", "子项目1.3", "资金", "产业集聚度", "资源聚集力", "持续发展力", "产出与效益", "改革创新力", "辐射带动力"], sheets); // section 一's sub-project tables, 二's fund table, then one per dimension
        }

        var english = System.Text.Encoding.UTF8.GetString(await (await op.GetAsync("/api/v1/carriers/hengyang/reports/2020/report.html?draft=true&lang=en")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Employees reached 0.86 (10k persons) (2019 baseline 0.56 (10k persons), 2020 target 0.71 (10k persons)), exceeding the target, up 53.6% on 2019", english);
        Assert.Contains("lang=\"en\"", english);

        var json = JsonDocument.Parse(await Get("json")).RootElement;
        Assert.True(json.GetProperty("draft").GetBoolean());
        var i24 = json.GetProperty("report").GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "I24");
        Assert.Equal(183m, i24.GetProperty("actual").GetDecimal());
    }

    [Fact]
    public async Task The_docx_opens_in_LibreOffice_with_its_text_and_tables()
    {
        await using var app = await TestApp.StartAsync();
        var op = await app.ClientAsAsync("hengyang-op");
        var docx = PopplerTools.WriteTemp(await (await op.GetAsync("/api/v1/carriers/hengyang/reports/2020/report.docx?draft=true")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync(), ".docx");
        var outDir = Path.GetDirectoryName(docx)!;
        var profile = Path.Combine(Path.GetTempPath(), "rongtong-lo-" + Guid.NewGuid().ToString("N"));
        var psi = new System.Diagnostics.ProcessStartInfo("libreoffice") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", outDir, docx }) psi.ArgumentList.Add(a);
        using (var p = System.Diagnostics.Process.Start(psi)!)
        {
            await p.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
            Assert.Equal(0, p.ExitCode);
        }
        var pages = PopplerTools.PageTexts(Path.ChangeExtension(docx, ".pdf"));
        Assert.True(pages.Length >= 8, $"{pages.Length} pages");
        var all = string.Join("", pages);
        Assert.Contains(PopplerTools.Squash(Sentence), all);
        Assert.Contains("合作的资本服务机构数", all);
        Assert.All(pages, p => Assert.Contains("草稿", p));
        Directory.Delete(profile, true);
    }

    [Fact]
    public async Task Only_an_approved_year_gets_a_snapshot_and_an_enterprise_user_gets_no_report()
    {
        await using var app = await TestApp.StartAsync();
        var op = await app.ClientAsAsync("hengyang-op");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await op.PostAsync("/api/v1/carriers/hengyang/reports/2020/snapshots", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync("/api/v1/carriers/hengyang/reports/2020/report.pdf")).StatusCode);
        var snap = await op.PostAsync("/api/v1/carriers/hengyang/reports/2019/snapshots", null);
        Assert.Equal(HttpStatusCode.OK, snap.StatusCode);
        Assert.Equal(1, (await snap.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var pdf = await op.GetAsync("/api/v1/carriers/hengyang/reports/2019/report.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var pages = PopplerTools.PageTexts(PopplerTools.WriteTemp(await pdf.Content.ReadAsByteArrayAsync(), ".pdf"));
        Assert.DoesNotContain(pages, p => p.Contains("草稿"));
        Assert.Contains("第1版", string.Join("", pages));
        var sme = await app.ClientAsAsync("sme-tezhijia");
        Assert.Equal(HttpStatusCode.Forbidden, (await sme.GetAsync("/api/v1/carriers/hengyang/reports/2019/report.pdf")).StatusCode);
    }

    [Fact]
    public async Task Section_one_prints_the_photos_recorded_by_the_year_end_and_not_later_ones()
    {
        await using var app = await TestApp.StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Platform.Data.RongtongDb>();
            var work = scope.ServiceProvider.GetRequiredService<Web.Features.Projects.ProjectWork>();
            var p = await db.SubProjects.AsNoTracking().SingleAsync(x => x.Code == "1.2-05");
            var photo = ReportPhotoTests.Jpeg(1600, 1200);
            await work.AddProgressAsync(p, new DateOnly(2020, 11, 30), "试验台安装完毕", 612.5m, [new("a.jpg", () => new MemoryStream(photo), "试验台安装现场")]);
            await work.AddProgressAsync(p, new DateOnly(2021, 3, 1), "投入使用", 800m, [new("b.jpg", () => new MemoryStream(photo), "投入使用后")]);
        }
        var op = await app.ClientAsAsync("hengyang-op");
        async Task<byte[]> Get(string f) => await (await op.GetAsync($"/api/v1/carriers/hengyang/reports/2020/report.{f}?draft=true")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
        var all = PopplerTools.Squash(string.Join("", PopplerTools.PageTexts(PopplerTools.WriteTemp(await Get("pdf"), ".pdf"))));
        Assert.Contains("长宏新型环保锅炉研发中心建设项目：完成资金投入612.5万元，完成项目总投入910万元的67.3%。", all);
        Assert.Contains("长宏新型环保锅炉研发中心建设项目：试验台安装现场（2020年11月30日）", all);
        Assert.DoesNotContain("投入使用后", all);
        using var docx = WordprocessingDocument.Open(new MemoryStream(await Get("docx")), false);
        var jpegs = docx.MainDocumentPart!.ImageParts.Where(i => i.ContentType == "image/jpeg").ToList();
        var only = Assert.Single(jpegs);
        using var bytes = new MemoryStream();
        await only.GetStream().CopyToAsync(bytes);
        using var decoded = SkiaSharp.SKBitmap.Decode(bytes.ToArray());
        Assert.Equal((960, 720), (decoded.Width, decoded.Height)); // scaled down to the report's width, in proportion
    }
}
