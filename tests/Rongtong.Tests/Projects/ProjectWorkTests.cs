using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Enterprises;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Projects;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Files;

namespace Rongtong.Tests.Projects;

/// <summary>Sub-project handlers on a real database (SQLite and PostgreSQL).</summary>
public sealed class ProjectWorkTests
{
    private static long W(decimal wan) => Money.FromWan(wan);

    /// <summary>A small real JPEG: the upload check reads its header; the file store keeps the bytes as given.</summary>
    internal static readonly byte[] Jpeg = Reports.Rendering.ReportPhotoTests.Jpeg(8, 6);

    /// <summary>A PNG of 8,000 × 8,000 pixels (64 MP, over the limit) in a file of a few bytes: only its header is real.</summary>
    internal static byte[] HugePng(int width = 8000, int height = 8000)
    {
        var png = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        void Chunk(string type, byte[] data)
        {
            var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            png.AddRange(BigEndian(data.Length));
            png.AddRange(body);
            png.AddRange(BigEndian((int)Crc32(body)));
        }
        static uint Crc32(byte[] bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
            return ~crc;
        }
        static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
        Chunk("IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0]);   // 8-bit RGB
        Chunk("IDAT", []);
        Chunk("IEND", []);
        return png.ToArray();
    }

    /// <summary>How many files the store holds (a sweep that deletes nothing counts them).</summary>
    internal static async Task<int> StoredFilesAsync(TestApp app) =>
        (await app.Services.GetRequiredService<IFileStore>().SweepAsync(new HashSet<string>(), DateTime.MinValue, dryRun: true)).Stored;

    private static async Task<T> WithAsync<T>(TestApp app, Func<IServiceProvider, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider);
    }

    private static async Task<SubProject> SeedProjectAsync(TestApp app, string code)
    {
        await using var db = app.Db.NewContext();
        return await db.SubProjects.AsNoTracking().SingleAsync(p => p.Code == code);
    }

    [Theory, Providers]
    public async Task The_seed_links_units_and_reads_the_stated_investment_and_its_wrong_percentage(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var db = app.Db.NewContext();
        var p = await db.SubProjects.SingleAsync(x => x.Code == "1.2-04");
        Assert.Equal("衡阳风顺车桥有限公司", await db.Enterprises.Where(e => e.Id == p.UnitId).Select(e => e.Name).SingleAsync());
        Assert.Equal(W(458), p.TotalInvestmentFen);
        // "项目总投资计划500万元" is a stated total too
        Assert.Equal(W(500), (await db.SubProjects.SingleAsync(x => x.Name == "一体化设备舱成型行业共性技术攻关项目")).TotalInvestmentFen);
        var u = await db.ProgressUpdates.SingleAsync(x => x.SubProjectId == p.Id);
        Assert.Equal((W(137.8m), 30.9m), (u.InvestedFen!.Value, u.StatedPercent!.Value));
        var detail = await WithAsync(app, sp => sp.GetRequiredService<ProjectDetails>().HandleAsync(p));
        Assert.Equal(30.1m, detail.Progress);
        Assert.True(detail.Updates.Single().Contradicts);
        Assert.Equal("完成资金投入137.8万元，完成项目总投入458万元的30.1%", detail.Sentence(false));
    }

    [Theory, Providers]
    public async Task A_progress_update_with_a_bad_file_writes_nothing_and_a_good_one_keeps_its_photo(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var p = await SeedProjectAsync(app, "1.2-05");
        var files = await StoredFilesAsync(app);   // the demo's evidence
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().AddProgressAsync(p,
            new DateOnly(2020, 11, 30), "试验台安装完毕", 612.5m,
            [new Upload("site.jpg", () => new MemoryStream(Jpeg)), new Upload("photo.png", () => new MemoryStream(Encoding.UTF8.GetBytes("not a png")))])));
        Assert.Equal(("file", "content"), (bad.Errors[0].Field, bad.Errors[0].Rule));
        Assert.StartsWith("photo.png：", bad.Errors[0].MessageZh);
        // a small file declaring a huge image is refused by its header, with every other bad field at once
        var huge = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().AddProgressAsync(p,
            new DateOnly(2020, 11, 30), "", 612.5m, [new Upload("big.png", () => new MemoryStream(HugePng()))])));
        Assert.Equal([("text", "required"), ("file", "max-pixels")], huge.Errors.Select(e => (e.Field, e.Rule)));
        Assert.StartsWith("big.png：图片为 8000×8000 像素", huge.Errors[1].MessageZh);
        // a PNG, which a report must decode whole, has a lower limit than a JPEG: 20 MP is refused
        var png = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().AddProgressAsync(p,
            new DateOnly(2020, 11, 30), "截图", null, [new Upload("screen.png", () => new MemoryStream(HugePng(5000, 4000)))])));
        Assert.Equal("screen.png：图片为 5000×4000 像素，不能超过 16 百万像素", png.Errors[0].MessageZh);
        await using (var db = app.Db.NewContext())
        {
            Assert.Equal(1, await db.ProgressUpdates.CountAsync(u => u.SubProjectId == p.Id)); // only the seed's
            Assert.Equal(0, await db.Attachments.CountAsync());
        }
        // every file is checked before any is stored: the good site.jpg of the refused update was not kept
        Assert.Equal(files, await StoredFilesAsync(app));

        var u = await WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().AddProgressAsync(p, new DateOnly(2020, 11, 30), "试验台安装完毕", 612.5m,
            [new Upload("../../etc/site.jpg", () => new MemoryStream(Jpeg), "试验台")]));
        await using (var db = app.Db.NewContext())
        {
            var a = await db.Attachments.SingleAsync();
            Assert.Equal((u.Id, "site.jpg", "image/jpeg", "试验台"), (a.ProgressUpdateId!.Value, a.FileName, a.ContentType, a.Caption));
            await using var s = app.Services.GetRequiredService<IFileStore>().OpenRead(a.StoreKey);
            using var copy = new MemoryStream();
            await s.CopyToAsync(copy);
            Assert.Equal(Jpeg, copy.ToArray());
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Entity == nameof(Attachment) && e.Action == "created"));
        }
        var detail = await WithAsync(app, sp => sp.GetRequiredService<ProjectDetails>().HandleAsync(p));
        Assert.Equal((W(612.5m), 67.3m), (detail.InvestedFen!.Value, detail.Progress!.Value));

        // cumulative: an investment below an earlier one is refused, naming the earlier figure
        var less = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().AddProgressAsync(p,
            new DateOnly(2020, 12, 15), "更正", 600m, [])));
        Assert.Equal(("invested", "cumulative"), (less.Errors[0].Field, less.Errors[0].Rule));
        Assert.Contains("612.50万元", less.Errors[0].MessageZh);
        // nor, back-dated, above a figure recorded on a later day
        var more = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().AddProgressAsync(p,
            new DateOnly(2020, 11, 1), "补记", 700m, [])));
        Assert.Equal(("invested", "cumulative"), (more.Errors[0].Field, more.Errors[0].Rule));
        Assert.Contains("其后日期记录的 612.50万元", more.Errors[0].MessageZh);
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().AddProgressAsync(p, null, " ", -1m, [])));
        Assert.Equal(["text", "on", "invested"], empty.Errors.Select(e => e.Field));
    }

    [Theory, Providers]
    public async Task Approvals_of_one_milestone_at_once_approve_it_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var p = await SeedProjectAsync(app, "1.2-05");
        var m = await WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().AddMilestoneAsync(p, "试验台验收", new DateOnly(2021, 6, 30)));
        await WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().ReportMilestoneAsync(p, m.Id, new DateOnly(2021, 4, 20)));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            try { await WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().ApproveMilestoneAsync(p, m.Id)); return "ok"; }
            catch (ValidationFailedException ex) { return ex.Errors[0].Rule; }
        })));
        Assert.Single(outcomes, o => o == "ok");
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "ok", "changed", "reported-first" }));
        await using var db = app.Db.NewContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Entity == nameof(Milestone) && a.Field == "State" && a.NewValue == nameof(MilestoneState.Approved)));
    }

    [Theory, Providers]
    public async Task A_gated_allocation_pays_nothing_before_its_milestone_is_approved(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var p = await SeedProjectAsync(app, "1.2-05");
        var m = await WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().AddMilestoneAsync(p, "试验台验收", new DateOnly(2021, 6, 30)));
        int fundId;
        await using (var db = app.Db.NewContext()) fundId = (await db.Funds.SingleAsync()).Id;
        var a = await WithAsync(app, sp => sp.GetRequiredService<FundLedger>().AllocateAsync(fundId, p.Id, "equipment", W(100), "设备购置补助", milestoneId: m.Id));

        var early = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<FundLedger>().DisburseAsync(new(a.Id, W(50), new DateOnly(2021, 5, 1)))));
        Assert.Equal("milestone", early.Errors[0].Rule);
        Assert.Contains("试验台验收", early.Errors[0].MessageZh);
        var notReported = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().ApproveMilestoneAsync(p, m.Id)));
        Assert.Equal("reported-first", notReported.Errors[0].Rule);

        await WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().ReportMilestoneAsync(p, m.Id, new DateOnly(2021, 4, 20)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<FundLedger>().DisburseAsync(new(a.Id, W(50), new DateOnly(2021, 5, 1)))));
        await WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().ApproveMilestoneAsync(p, m.Id));
        var d = await WithAsync(app, sp => sp.GetRequiredService<FundLedger>().DisburseAsync(new(a.Id, W(50), new DateOnly(2021, 5, 1))));
        Assert.Equal(W(50), d.AmountFen);

        // a milestone of another sub-project cannot gate this allocation
        var other = await SeedProjectAsync(app, "1.2-04");
        var wrong = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<FundLedger>().AllocateAsync(fundId, other.Id, "equipment", W(1), "x", milestoneId: m.Id)));
        Assert.Equal(("milestoneId", "exists"), (wrong.Errors[0].Field, wrong.Errors[0].Rule));

        var list = await WithAsync(app, sp => sp.GetRequiredService<ProjectList>().HandleAsync(p.CarrierId));
        var row = list.Single(r => r.Code == "1.2-05");
        Assert.Equal((W(100), W(50), 1, 1), (row.AllocatedFen, row.DisbursedFen, row.Milestones.Total, row.Milestones.Approved));
        // as of the end of 2020 nothing was allocated, paid or approved yet
        var asOf2020 = (await WithAsync(app, sp => sp.GetRequiredService<ProjectList>().HandleAsync(p.CarrierId, new DateOnly(2020, 12, 31)))).Single(r => r.Code == "1.2-05");
        Assert.Equal((0L, 0L, 0), (asOf2020.AllocatedFen, asOf2020.DisbursedFen, asOf2020.Milestones.Approved));
    }

    [Theory, Providers]
    public async Task Budget_lines_stay_within_the_total_and_the_special_fund(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var p = await SeedProjectAsync(app, "1.2-05");
        var saved = await WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().SaveAsync(p.CarrierId, new SubProjectInput
        {
            Code = p.Code, Name = p.Name, ProgrammeId = p.ProgrammeId, UnitId = p.UnitId, TotalInvestment = 910m, SpecialFund = 50m, Version = p.Version,
        }, p.Id));
        await WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().AddBudgetLineAsync(saved, "equipment", "试验台", 600m, 40m));
        var over = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().AddBudgetLineAsync(saved, "fitout", "装修", 310.01m, 10.01m)));
        Assert.Equal(["within-total", "within-special-fund"], over.Errors.Select(e => e.Rule));
        Assert.Contains("超出 0.01万元", over.Errors[0].MessageZh);
        var stale = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().SaveAsync(p.CarrierId,
            new SubProjectInput { Code = p.Code, Name = "改名", TotalInvestment = 500m, Version = p.Version }, p.Id)));
        Assert.Equal(["concurrency", "covers-budget"], stale.Errors.Select(e => e.Rule));
        var dup = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().SaveAsync(p.CarrierId,
            new SubProjectInput { Code = "1.2-04", Name = "重复", TotalInvestment = 10m, SpecialFund = 20m })));
        Assert.Equal(["within-total", "unique"], dup.Errors.Select(e => e.Rule));
    }

    [Theory, Providers]
    public async Task A_unit_or_payee_typed_in_a_form_is_resolved_and_refused_along_with_the_other_fields(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var p = await SeedProjectAsync(app, "1.2-05");
        Enterprise other;
        int fundId;
        await using (var db = app.Db.NewContext())
        {
            other = await db.Enterprises.Where(e => e.CarrierId == p.CarrierId && e.Id != p.UnitId).OrderBy(e => e.Id).FirstAsync();
            fundId = (await db.Funds.SingleAsync()).Id;
        }

        var both = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().SaveAsync(p.CarrierId,
            new SubProjectInput { Code = p.Code, Name = " ", Unit = "衡阳不存在的单位", Version = p.Version }, p.Id)));
        Assert.Equal([("name", "required"), ("unit", "exists")], both.Errors.Select(e => (e.Field, e.Rule)));
        var saved = await WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().SaveAsync(p.CarrierId,
            new SubProjectInput { Code = p.Code, Name = p.Name, Unit = EnterprisePicker.Label(other.Name, other.CreditCode), Version = p.Version }, p.Id));
        Assert.Equal(other.Id, saved.UnitId);
        var cleared = await WithAsync(app, sp => sp.GetRequiredService<ProjectWork>().SaveAsync(p.CarrierId,
            new SubProjectInput { Code = p.Code, Name = p.Name, Unit = "", UnitId = other.Id, Version = saved.Version }, p.Id));
        Assert.Null(cleared.UnitId); // an emptied field clears the unit

        var a = await WithAsync(app, sp => sp.GetRequiredService<FundLedger>().AllocateAsync(fundId, p.Id, "equipment", W(100), "设备购置补助"));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => WithAsync(app, sp => sp.GetRequiredService<FundLedger>().DisburseAsync(
            new(a.Id, 0, new DateOnly(2021, 5, 1), Payee: "衡阳不存在的单位"))));
        Assert.Equal([("amount", "positive"), ("payee", "exists")], refused.Errors.Select(e => (e.Field, e.Rule)));
        var d = await WithAsync(app, sp => sp.GetRequiredService<FundLedger>().DisburseAsync(new(a.Id, W(10), new DateOnly(2021, 5, 1), Payee: other.CreditCode)));
        Assert.Equal(other.Id, d.PayeeId);
    }
}
