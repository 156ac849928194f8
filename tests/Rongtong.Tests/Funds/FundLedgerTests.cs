using Rongtong.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Tests.Funds;

/// <summary>The ledger's invariants on a real database (SQLite and PostgreSQL), including under concurrent users.</summary>
public sealed class FundLedgerTests
{
    internal static long W(decimal wan) => Money.FromWan(wan);

    private static async Task<T> WithLedgerAsync<T>(TestApp app, Func<FundLedger, RongtongDb, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<FundLedger>(), scope.ServiceProvider.GetRequiredService<RongtongDb>());
    }

    /// <summary>The seeded central fund (4000万 received, 3400万 allocated) and a new sub-project.</summary>
    private static async Task<(int Fund, int Project)> SetUpAsync(TestApp app)
    {
        await using var db = app.Db.NewContext();
        var fund = await db.Funds.SingleAsync(f => f.Source == FundSource.Central);
        var carrier = fund.CarrierId;
        var p = new SubProject { CarrierId = carrier, Code = "T1", Name = "测试子项目" };
        db.SubProjects.Add(p);
        await db.SaveChangesAsync();
        return (fund.Id, p.Id);
    }

    [Theory, Providers]
    public async Task The_seed_carrier_received_4000_and_disbursed_2380_and_1020(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RongtongDb>();
        var carrier = await db.Carriers.SingleAsync(c => c.Code == "hengyang");
        var f = await scope.ServiceProvider.GetRequiredService<FundSummary>().HandleAsync(carrier.Id);
        Assert.Equal((W(4000), W(3400), W(3400), 85m), (f.ReceivedFen, f.AllocatedFen, f.DisbursedFen, f.ExecutionRate!.Value));
        Assert.Equal([W(2500), W(1000), W(500)], f.Batches.Select(b => b.AmountFen));
        Assert.Equal([(2019, W(2380)), (2020, W(1020))], f.ByYear.Select(y => (y.Year, y.DisbursedFen)));
        var fund = await db.Funds.SingleAsync(x => x.CarrierId == carrier.Id);
        Assert.Equal((f.ReceivedFen, f.AllocatedFen, f.DisbursedFen), (fund.ReceivedFen, fund.AllocatedFen, fund.DisbursedFen));
    }

    [Theory, Providers]
    public async Task Parallel_disbursements_never_overspend_an_allocation_and_exactly_those_that_fit_succeed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (fundId, projectId) = await SetUpAsync(app);
        var allocation = await WithLedgerAsync(app, (l, _) => l.AllocateAsync(fundId, projectId, "equipment", W(100), "设备购置"));
        // 20 users each disburse 7万 at once: 14 fit into 100万 (98万), 6 must be refused
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await WithLedgerAsync(app, (l, _) => l.DisburseAsync(new(allocation.Id, W(7), new DateOnly(2021, 3, 1), VoucherNo: $"V{i:00}")));
                return true;
            }
            catch (ValidationFailedException ex) when (ex.Errors[0].Rule == "allocation-limit") { return false; }
        })));
        Assert.Equal(14, results.Count(ok => ok));
        await using var db = app.Db.NewContext();
        var a = await db.Allocations.SingleAsync(x => x.Id == allocation.Id);
        Assert.Equal(W(98), a.DisbursedFen);
        Assert.Equal(W(98), await db.Disbursements.Where(d => d.AllocationId == a.Id).SumAsync(d => d.AmountFen));
        Assert.Equal(14, await db.AuditEntries.CountAsync(e => e.Entity == nameof(Disbursement) && e.Action == "created" && e.NewValue!.Contains("V")));
    }

    [Theory, Providers]
    public async Task Parallel_allocations_never_exceed_what_was_received(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (fundId, projectId) = await SetUpAsync(app);
        // 600万 remain; 10 allocations of 70万 at once: 8 fit (560万)
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            try { await WithLedgerAsync(app, (l, _) => l.AllocateAsync(fundId, projectId, "subsidy", W(70), "补助")); return true; }
            catch (ValidationFailedException ex) when (ex.Errors[0].Rule == "received-limit") { return false; }
        })));
        Assert.Equal(8, results.Count(ok => ok));
        await using var db = app.Db.NewContext();
        var fund = await db.Funds.SingleAsync(f => f.Id == fundId);
        Assert.Equal((W(4000), W(3960)), (fund.ReceivedFen, fund.AllocatedFen));
    }

    [Theory, Providers]
    public async Task Amendments_disbursements_and_reversals_of_one_allocation_at_once_queue_instead_of_deadlocking(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (fundId, projectId) = await SetUpAsync(app);
        var allocation = await WithLedgerAsync(app, (l, _) => l.AllocateAsync(fundId, projectId, "equipment", W(100), "设备购置"));
        var first = await WithLedgerAsync(app, (l, _) => l.DisburseAsync(new(allocation.Id, W(10), new DateOnly(2021, 3, 1))));
        // raising an allocation locks the fund then the allocation; disbursing and lowering touch the allocation first
        // unless the fund is locked first: on PostgreSQL the two orders deadlocked
        var work = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            try
            {
                await WithLedgerAsync<object>(app, async (l, _) => (i % 4) switch
                {
                    0 => await l.AmendAsync(allocation.Id, W(5), "追加"),
                    1 => await l.AmendAsync(allocation.Id, -W(3), "调减"),
                    2 => await l.DisburseAsync(new(allocation.Id, W(4), new DateOnly(2021, 3, 2))),
                    _ => await l.ReverseDisbursementAsync(first.Id, "重复拨付"),
                });
                return "ok";
            }
            catch (ValidationFailedException ex) { return ex.Errors[0].Rule; }
        }));
        var outcomes = await Task.WhenAll(work);
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "ok", "reversed", "allocation-limit", "disbursed-limit", "received-limit" }));
        Assert.Equal(1, outcomes.Where((_, i) => i % 4 == 3).Count(o => o == "ok")); // one reversal, five told it is reversed

        await using var db = app.Db.NewContext();
        var a = await db.Allocations.SingleAsync(x => x.Id == allocation.Id);
        var fund = await db.Funds.SingleAsync(f => f.Id == fundId);
        Assert.Equal(a.DisbursedFen, await db.Disbursements.Where(d => d.AllocationId == a.Id).SumAsync(d => d.AmountFen));
        Assert.Equal(a.AmountFen, await db.AllocationChanges.Where(c => c.AllocationId == a.Id).SumAsync(c => c.DeltaFen));
        Assert.Equal(fund.AllocatedFen, await db.Allocations.Where(x => x.FundId == fundId).SumAsync(x => x.AmountFen));
        Assert.Equal(fund.DisbursedFen, await db.Allocations.Where(x => x.FundId == fundId).SumAsync(x => x.DisbursedFen));
        Assert.True(a.DisbursedFen <= a.AmountFen && fund.AllocatedFen <= fund.ReceivedFen);
    }

    [Theory, Providers]
    public async Task First_receipts_of_a_new_source_at_once_all_land_in_one_fund(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        int carrierId;
        await using (var db = app.Db.NewContext()) carrierId = (await db.Carriers.SingleAsync(c => c.Code == "hengyang")).Id;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => WithLedgerAsync(app, async (l, db) =>
            await l.ReceiveAsync(await db.Carriers.SingleAsync(c => c.Id == carrierId), FundSource.Provincial, "省级专项", $"湘财{i}号", new DateOnly(2021, 5, 1), W(10))))));
        await using var check = app.Db.NewContext();
        var fund = await check.Funds.SingleAsync(f => f.CarrierId == carrierId && f.Source == FundSource.Provincial);
        Assert.Equal(6, await check.FundBatches.CountAsync(b => b.FundId == fund.Id));
        Assert.Equal(W(60), fund.ReceivedFen);
    }

    [Theory, Providers]
    public async Task A_refusal_names_the_limit_and_by_how_much_and_corrections_are_reversing_entries(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (fundId, projectId) = await SetUpAsync(app);
        var a = await WithLedgerAsync(app, (l, _) => l.AllocateAsync(fundId, projectId, "services", W(10), "购买服务"));
        var d = await WithLedgerAsync(app, (l, _) => l.DisburseAsync(new(a.Id, W(9.99m), new DateOnly(2021, 5, 1))));
        // one fen too many
        var over = await Assert.ThrowsAsync<ValidationFailedException>(() => WithLedgerAsync(app, (l, _) => l.DisburseAsync(new(a.Id, W(0.010001m), new DateOnly(2021, 5, 2)))));
        Assert.Equal(("amount", "allocation-limit"), (over.Errors[0].Field, over.Errors[0].Rule));
        Assert.Contains("超出 0.000001万元", over.Errors[0].MessageZh);
        Assert.Throws<ArgumentException>(() => Money.FromWan(0.0000001m)); // finer than 1 分

        var cut = await Assert.ThrowsAsync<ValidationFailedException>(() => WithLedgerAsync(app, (l, _) => l.AmendAsync(a.Id, -W(1), "调减", null)));
        Assert.Equal("disbursed-limit", cut.Errors[0].Rule);
        var tooMuch = await Assert.ThrowsAsync<ValidationFailedException>(() => WithLedgerAsync(app, (l, _) => l.AmendAsync(a.Id, W(600), "追加")));
        Assert.Contains("超出 10.00万元", tooMuch.Errors[0].MessageZh);

        var rev = await WithLedgerAsync(app, (l, _) => l.ReverseDisbursementAsync(d.Id, "凭证有误"));
        Assert.Equal(-W(9.99m), rev.AmountFen);
        await Assert.ThrowsAsync<ValidationFailedException>(() => WithLedgerAsync(app, (l, _) => l.ReverseDisbursementAsync(d.Id, "再次")));
        await WithLedgerAsync(app, (l, _) => l.AmendAsync(a.Id, -W(10), "项目取消"));

        await using var db = app.Db.NewContext();
        var batch = await db.FundBatches.OrderBy(b => b.Id).FirstAsync();
        var reverseBatch = await Assert.ThrowsAsync<ValidationFailedException>(() => WithLedgerAsync(app, (l, _) => l.ReverseBatchAsync(batch.Id, "指标调整")));
        Assert.Equal("received-limit", reverseBatch.Errors[0].Rule);
        var after = await db.Allocations.AsNoTracking().SingleAsync(x => x.Id == a.Id);
        Assert.Equal((0L, 0L), (after.AmountFen, after.DisbursedFen));
        Assert.Equal(2, await db.Disbursements.CountAsync(x => x.AllocationId == a.Id));
        Assert.Equal(2, await db.AllocationChanges.CountAsync(x => x.AllocationId == a.Id));
    }

    [Theory, Providers]
    public async Task A_refused_entry_names_every_wrong_field_and_stores_none_of_its_proof(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (fundId, projectId) = await SetUpAsync(app);
        var a = await WithLedgerAsync(app, (l, _) => l.AllocateAsync(fundId, projectId, "services", W(10), "购买服务"));
        var files = await Projects.ProjectWorkTests.StoredFilesAsync(app);   // the demo's evidence
        var pdf = new Upload("发票.pdf", () => new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray()));

        // every wrong field at once, before any file is stored: no date, an amount past the largest, a bad file
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => WithLedgerAsync(app, (l, _) =>
            l.DisburseAsync(new(a.Id, Money.MaxFen + 1, null, ScheduledOn: new DateOnly(1999, 12, 31),
                Proof: [pdf, new Upload("照片.png", () => new MemoryStream("not a png"u8.ToArray()))]))));
        Assert.Equal([("amount", "max"), ("paidOn", "required"), ("scheduledOn", "range"), ("file", "content")], bad.Errors.Select(e => (e.Field, e.Rule)));
        Assert.StartsWith("照片.png：", bad.Errors[3].MessageZh);
        Assert.Equal(files, await Projects.ProjectWorkTests.StoredFilesAsync(app));

        // over the allocation: refused by the ledger's limit, with nothing attached (its file, stored before the
        // ledger's transaction, is named by no record and left to `files sweep`)
        var over = await Assert.ThrowsAsync<ValidationFailedException>(() => WithLedgerAsync(app, (l, _) =>
            l.DisburseAsync(new(a.Id, W(11), new DateOnly(2021, 5, 1), Proof: [pdf]))));
        Assert.Equal("allocation-limit", over.Errors[0].Rule);
        await using (var check = app.Db.NewContext()) Assert.Equal(0, await check.Attachments.CountAsync());

        var d = await WithLedgerAsync(app, (l, _) => l.DisburseAsync(new(a.Id, W(4), new DateOnly(2021, 5, 1), Proof: [pdf])));
        Assert.Equal(files + 1, await Projects.ProjectWorkTests.StoredFilesAsync(app));
        await using var db = app.Db.NewContext();
        Assert.Equal("发票.pdf", (await db.Attachments.SingleAsync(x => x.DisbursementId == d.Id)).FileName);

        // receipts: the same largest amount (two of them would have overflowed the fund's total), and a date not in the future
        var carrier = await db.Carriers.SingleAsync(c => c.Code == "hengyang");
        var huge = await Assert.ThrowsAsync<ValidationFailedException>(() => WithLedgerAsync(app, (l, _) =>
            l.ReceiveAsync(carrier, FundSource.Central, "", "财建〔2021〕1号", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), 9_000_000_000_000 * Money.FenPerWan)));
        Assert.Equal([("amount", "max"), ("receivedOn", "range")], huge.Errors.Select(e => (e.Field, e.Rule)));
        var money = new Errors();
        Money.FromWanInput(9_000_000_000_000m, "amount", money);
        Assert.Equal("max", Assert.Single(money).Rule);
    }
}

/// <summary>The fund figures through the API and the CLI.</summary>
public sealed class FundFiguresApiTests
{
    [Fact]
    public async Task Operators_and_the_authority_read_the_figures_and_an_enterprise_user_cannot()
    {
        await using var app = await TestApp.StartAsync();
        var op = await app.ClientAsAsync("hengyang-op");
        var f = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(op, "/api/v1/carriers/hengyang/funds?year=2019");
        Assert.Equal((2500m, 2380m, 2380m), (f.GetProperty("received").GetDecimal(), f.GetProperty("allocated").GetDecimal(), f.GetProperty("disbursed").GetDecimal()));
        var sme = await app.ClientAsAsync("sme-tezhijia");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await sme.GetAsync("/api/v1/carriers/hengyang/funds")).StatusCode);

        var output = new StringWriter();
        Assert.Equal(0, await Rongtong.Cli.CliApp.RunAsync(["funds", "--carrier", "hengyang", "--format", "json"], output, TextWriter.Null, app.Db.Settings));
        var json = System.Text.Json.JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal((4000m, 3400m, 85m), (json.GetProperty("received").GetDecimal(), json.GetProperty("disbursed").GetDecimal(), json.GetProperty("executionRate").GetDecimal()));
        Assert.Equal(["2019-07-01", "2020-01-01", "2020-09-01"], json.GetProperty("batches").EnumerateArray().Select(b => b.GetProperty("date").GetString()));
        Assert.Equal([2380m, 1020m], json.GetProperty("byYear").EnumerateArray().Select(b => b.GetProperty("disbursed").GetDecimal()));

        // the seed's 27 sub-projects in its three 工程, plus the lump entry
        var projects = new StringWriter();
        Assert.Equal(0, await Rongtong.Cli.CliApp.RunAsync(["projects", "--carrier", "hengyang", "--format", "json"], projects, TextWriter.Null, app.Db.Settings));
        var list = System.Text.Json.JsonDocument.Parse(projects.ToString()).RootElement.EnumerateArray().ToList();
        Assert.Equal(27, list.Count(p => p.GetProperty("programme").ValueKind == System.Text.Json.JsonValueKind.String));
        Assert.Equal([11, 10, 6], list.Where(p => p.GetProperty("programme").ValueKind == System.Text.Json.JsonValueKind.String)
            .GroupBy(p => p.GetProperty("programme").GetString()).Select(g => g.Count()));
        var lab = list.Single(p => p.GetProperty("code").GetString() == "1.1-04");
        Assert.Equal(("重金属污染检测实验室建设项目", 340m), (lab.GetProperty("name").GetString(), lab.GetProperty("totalInvestment").GetDecimal()));
    }
}
