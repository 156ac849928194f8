using Rongtong.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Import;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Bench;

/// <summary>
/// Deterministic special-fund ledger of a province: 50 carriers, each with 20 registry enterprises (implementing units
/// and payees), three 工程 and 100 sub-projects, three funds (central, provincial, municipal) with two batches a year
/// 2019–2022, two allocations per sub-project in one of six spending categories (each with one to three allocation
/// changes), and disbursements — 1 % of them reversed by a negative entry — so that the ledger holds exactly
/// <see cref="Entries"/> entries (batches + allocation changes + disbursements), ~96 % of them disbursements. Entries
/// are written in date order across all carriers, as a real ledger grows, so one carrier's rows are spread over the
/// whole table. Running totals (funds, allocations) equal the sums of their entries, within the check constraints.
/// Written with the import's <see cref="BulkWriter"/> (binary COPY on PostgreSQL, one prepared statement in one
/// transaction on SQLite), bypassing <see cref="FundLedger"/>; then ANALYZE / VACUUM ANALYZE.
/// </summary>
public static class LedgerData
{
    public const int Carriers = 50, UnitsPerCarrier = 20, SubProjectsPerCarrier = 100, AllocationsPerSubProject = 2, BatchesPerYear = 2;
    public const int Entries = 500_000, FirstYear = 2019, LastYear = 2022;
    /// <summary>Marks a complete data set of this version of the generator (a kept database without it is rebuilt).</summary>
    public const string Marker = "ledger-bench v1";
    public static string CarrierCode(int i) => $"bench-ledger-{i:00}";

    private static readonly FundSource[] Sources = [FundSource.Central, FundSource.Provincial, FundSource.Municipal];
    private static readonly string[] Categories = ["subsidy", "reward", "services", "equipment", "fitout", "operation"];
    private static readonly string[] Programmes = ["公共技术服务平台建设工程", "融通创新能力提升工程", "企业服务与孵化工程"];
    private static readonly string[] Works = ["检测实验室建设", "中试基地建设", "工业互联网平台", "技术服务中心", "孵化器改造", "人才培训", "供应链协同平台", "知识产权服务", "创业辅导", "共享仪器购置"];
    private static readonly string[] Purposes = ["设备采购款", "工程进度款", "服务费", "补助资金", "绩效奖励", "装修工程款", "运营服务费", "检测仪器款"];
    private static readonly string[] Places = ["长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "湘西"];

    /// <summary>Whether <paramref name="db"/> holds the complete data set of this generator.</summary>
    public static async Task<bool> IsCompleteAsync(RongtongDb db, CancellationToken ct = default)
    {
        try
        {
            return await db.Carriers.CountAsync(c => c.Zone == Marker, ct) == Carriers
                   && await db.FundBatches.CountAsync(ct) + await db.AllocationChanges.CountAsync(ct) + await db.Disbursements.CountAsync(ct) == Entries;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException) { return false; }
    }

    /// <summary>Migrates <paramref name="db"/> (a fresh database) and writes the data set.</summary>
    public static async Task BuildAsync(RongtongDb db, CancellationToken ct = default)
    {
        await Database.MigrateAsync(db, ct);
        var rnd = new Random(2022);
        var at = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);
        var carriers = Enumerable.Range(1, Carriers).Select(i => new Carrier
        {
            Code = CarrierCode(i), Name = $"{Places[i % Places.Length]}基准{i:00}大中小企业融通型特色载体", Zone = Marker,
            Type = CarrierType.Integration, MainIndustries = "31,33,38", IsDemo = true,
        }).ToList();
        var units = Generator.Rows(Carriers * UnitsPerCarrier).Select((row, i) =>
        {
            var e = new Enterprise
            {
                CarrierId = i / UnitsPerCarrier, CreditCode = (string)row[0], Name = (string)row[1], IndustryCode = (string)row[2],
                IsDemo = true, CreatedAt = at, UpdatedAt = at, Version = 1,
            };
            e.RefreshSearch();
            return e;
        }).ToList();

        // every row refers to its owner by the owner's index in its list until the owners have ids
        var funds = new List<Fund>();
        var batches = new List<FundBatch>();
        var programmes = new List<Programme>();
        var projects = new List<SubProject>();
        var allocations = new List<Allocation>();
        var changes = new List<AllocationChange>();
        var disbursements = new List<(Disbursement Entry, long Order)>();
        var reversals = new List<(Disbursement Entry, int Original)>();

        var allocationCount = Carriers * SubProjectsPerCarrier * AllocationsPerSubProject;
        var changeCount = Enumerable.Range(0, allocationCount).Sum(ChangesOf);
        var disbursementCount = Entries - Carriers * Sources.Length * (LastYear - FirstYear + 1) * BatchesPerYear - changeCount;
        var perAllocation = disbursementCount / allocationCount;
        var extra = disbursementCount % allocationCount; // the first allocations get one more

        for (var c = 0; c < Carriers; c++)
        {
            var carrierFunds = Sources.Select(s => new Fund { CarrierId = c, Source = s, Name = FundLedger.SourceLabel(s) }).ToList();
            var fundIndex = funds.Count;
            funds.AddRange(carrierFunds);
            for (var p = 0; p < Programmes.Length; p++)
                programmes.Add(new Programme { CarrierId = c, Code = $"{p + 1}", Name = Programmes[p], SortOrder = p + 1 });
            for (var s = 0; s < SubProjectsPerCarrier; s++)
            {
                var programme = s % Programmes.Length;
                var project = new SubProject
                {
                    CarrierId = c, ProgrammeId = c * Programmes.Length + programme, Code = $"{programme + 1}.{s + 1:000}",
                    Name = $"{Places[(c + s) % Places.Length]}{Works[s % Works.Length]}项目（{s + 1}）", UnitId = c * UnitsPerCarrier + rnd.Next(UnitsPerCarrier),
                    Status = SubProjectStatus.Running,
                };
                var projectIndex = projects.Count;
                projects.Add(project);
                for (var k = 0; k < AllocationsPerSubProject; k++)
                {
                    var a = allocations.Count;
                    var fund = carrierFunds[(s + k) % Sources.Length];
                    var allocation = new Allocation
                    {
                        FundId = fundIndex + (s + k) % Sources.Length, SubProjectId = projectIndex, Category = Categories[(s * AllocationsPerSubProject + k + c) % Categories.Length],
                        CreatedBy = "bench",
                    };
                    allocations.Add(allocation);

                    // the allocation and its amendments (the first change creates it)
                    var first = Day(rnd, new DateOnly(FirstYear, 1, 1), new DateOnly(2021, 6, 30));
                    var initial = rnd.NextInt64(20_000_000, 80_000_000);
                    var on = first;
                    for (var n = 0; n < ChangesOf(a); n++)
                    {
                        var delta = n == 0 ? initial : rnd.NextDouble() < 0.7 ? rnd.NextInt64(1, initial / 5) : -rnd.NextInt64(1, initial / 10);
                        if (n > 0) on = Day(rnd, on.AddDays(1), new DateOnly(LastYear, 6, 30));
                        changes.Add(new AllocationChange
                        {
                            AllocationId = a, DeltaFen = delta, EffectiveOn = on, Reason = n == 0 ? "分配" : delta > 0 ? "调增" : "调减",
                            CreatedBy = "bench", CreatedAt = At(on),
                        });
                        allocation.AmountFen += delta;
                    }
                    fund.AllocatedFen += allocation.AmountFen;
                    project.SpecialFundFen += allocation.AmountFen;
                    project.TotalInvestmentFen += allocation.AmountFen * 2;

                    // the disbursements: 60–100 % of the allocation in the payments that stand, one more paid and reversed in every other allocation
                    var count = perAllocation + (a < extra ? 1 : 0);
                    var reversed = a % 2 == 0;
                    var standing = count - (reversed ? 2 : 0);
                    var total = (long)(allocation.AmountFen * (0.6 + 0.4 * rnd.NextDouble()));
                    var weights = Enumerable.Range(0, standing).Select(_ => 1 + rnd.Next(100)).ToArray();
                    var sum = weights.Sum();
                    var left = total;
                    for (var n = 0; n < standing; n++)
                    {
                        var amount = n == standing - 1 ? left : total * weights[n] / sum;
                        left -= amount;
                        disbursements.Add((Payment(rnd, c, a, first, amount), rnd.NextInt64()));
                    }
                    allocation.DisbursedFen = total;
                    fund.DisbursedFen += total;
                    if (reversed)
                    {
                        var wrong = Payment(rnd, c, a, first, rnd.NextInt64(100_000, Math.Max(100_001, total / standing)));
                        disbursements.Add((wrong, rnd.NextInt64()));
                        reversals.Add((new Disbursement
                        {
                            AllocationId = a, AmountFen = -wrong.AmountFen, PaidOn = Min(wrong.PaidOn.AddDays(1 + rnd.Next(60)), new DateOnly(LastYear, 12, 31)),
                            PayeeId = wrong.PayeeId, VoucherNo = wrong.VoucherNo, Purpose = "凭证有误，冲销", CreatedBy = "bench", CreatedAt = at,
                        }, disbursements.Count - 1));
                    }
                }
            }

            // receipts: 10–30 % more than allocated, two batches a year, larger in the early years
            foreach (var (fund, f) in carrierFunds.Select((x, i) => (x, i)))
            {
                fund.ReceivedFen = fund.AllocatedFen + fund.AllocatedFen * (10 + rnd.Next(21)) / 100;
                var left = fund.ReceivedFen;
                var n = 0;
                const int total = (LastYear - FirstYear + 1) * BatchesPerYear;
                for (var y = FirstYear; y <= LastYear; y++)
                    for (var b = 0; b < BatchesPerYear; b++, n++)
                    {
                        var amount = n == total - 1 ? left : fund.ReceivedFen * (LastYear - y + 1) / 10 / BatchesPerYear;
                        left -= amount;
                        var date = new DateOnly(y, 1 + 6 * b, 1).AddDays(rnd.Next(150));
                        batches.Add(new FundBatch
                        {
                            FundId = fundIndex + f, DocumentNo = $"{Places[c % Places.Length]}财建〔{y}〕{10 + rnd.Next(190)}号", ReceivedOn = date, AmountFen = amount,
                            CreatedBy = "bench", CreatedAt = At(date),
                        });
                    }
            }
        }

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var w = new BulkWriter(db, tx);
            await w.InsertAsync(carriers, ct);
            foreach (var e in units) e.CarrierId = carriers[e.CarrierId].Id;
            await w.InsertAsync(units, ct);
            foreach (var f in funds) f.CarrierId = carriers[f.CarrierId].Id;
            await w.InsertAsync(funds, ct);
            foreach (var p in programmes) p.CarrierId = carriers[p.CarrierId].Id;
            await w.InsertAsync(programmes, ct);
            foreach (var p in projects) (p.CarrierId, p.ProgrammeId, p.UnitId) = (carriers[p.CarrierId].Id, programmes[p.ProgrammeId!.Value].Id, units[p.UnitId!.Value].Id);
            await w.InsertAsync(projects, ct);
            foreach (var a in allocations) (a.FundId, a.SubProjectId, a.CreatedAt) = (funds[a.FundId].Id, projects[a.SubProjectId].Id, at);
            await w.InsertAsync(allocations, ct);
            foreach (var b in batches) b.FundId = funds[b.FundId].Id;
            await w.InsertAsync(batches.OrderBy(b => b.ReceivedOn).ToList(), ct, setIds: false);
            foreach (var x in changes) x.AllocationId = allocations[x.AllocationId].Id;
            await w.InsertAsync(changes.OrderBy(x => x.EffectiveOn).ToList(), ct, setIds: false);
            foreach (var (d, _) in disbursements) (d.AllocationId, d.PayeeId) = (allocations[d.AllocationId].Id, units[d.PayeeId!.Value].Id);
            await w.InsertAsync(disbursements.OrderBy(x => x.Entry.PaidOn).ThenBy(x => x.Order).Select(x => x.Entry).ToList(), ct);
            foreach (var (r, original) in reversals)
                (r.AllocationId, r.PayeeId, r.ReversalOfId) = (disbursements[original].Entry.AllocationId, disbursements[original].Entry.PayeeId, disbursements[original].Entry.Id);
            await w.InsertAsync(reversals.Select(r => r.Entry).ToList(), ct, setIds: false);
            await tx.CommitAsync(ct);
        }
        await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? "VACUUM ANALYZE" : "ANALYZE", ct);
        if (db.IsPostgres) await BenchDatabase.AllVisibleAsync(db, ["Funds", "FundBatches", "Allocations", "AllocationChanges", "Disbursements", "SubProjects"], ct);
    }

    /// <summary>1 to 3 changes: every fourth allocation is amended twice, every fourth once more.</summary>
    private static int ChangesOf(int allocation) => (allocation % 4) switch { 0 => 3, 1 => 2, _ => 1 };

    private static Disbursement Payment(Random rnd, int carrier, int allocation, DateOnly from, long amount)
    {
        var paid = Day(rnd, from.AddDays(10), new DateOnly(LastYear, 12, 30));
        return new Disbursement
        {
            AllocationId = allocation, AmountFen = amount, PaidOn = paid, ScheduledOn = rnd.NextDouble() < 0.3 ? paid.AddDays(-rnd.Next(30)) : null,
            PayeeId = carrier * UnitsPerCarrier + rnd.Next(UnitsPerCarrier), VoucherNo = $"记-{paid:yyyyMM}-{rnd.Next(10000):0000}",
            Purpose = Purposes[rnd.Next(Purposes.Length)], CreatedBy = "bench", CreatedAt = At(paid),
        };
    }

    private static DateTime At(DateOnly d) => d.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Day(Random rnd, DateOnly from, DateOnly to) => to <= from ? from : from.AddDays(rnd.Next(to.DayNumber - from.DayNumber + 1));
}
