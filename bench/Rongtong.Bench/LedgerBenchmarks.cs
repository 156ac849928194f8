using System.Data.Common;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Bench;

/// <summary>
/// The fund summary of one carrier (<see cref="FundSummary.HandleAsync"/>: received, allocated, disbursed by batch,
/// year and category, summed from the ledger entries) over the province-sized ledger of <see cref="LedgerData"/>,
/// for all years and for 2020, on SQLite and PostgreSQL, each against the baseline of its database and year: one
/// hand-written SQL statement through plain ADO.NET returning the same figures (checked equal once per database).
/// Every call opens its connection from the pool, as a request does. Target: within 3× of the baseline.
/// </summary>
[MemoryDiagnoser(false)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LedgerBenchmarks
{
    public const int Year = 2020;
    /// <summary>The carrier measured: one in the middle (every carrier has the same shape of data).</summary>
    public static readonly string Carrier = LedgerData.CarrierCode(25);

    public sealed record Side(BenchDatabase Db, int CarrierId);

    private static readonly Dictionary<string, Side> Sides = [];
    private Side _side = null!;

    /// <summary>
    /// Opens the kept database of a provider, or builds it when it is missing or incomplete (RONGTONG_BENCH_FRESH=1
    /// always rebuilds); then checks once that the summary and the baseline return the same figures.
    /// </summary>
    public static async Task<Side> SideAsync(string provider)
    {
        if (Sides.TryGetValue(provider, out var side)) return side;
        var name = provider == Database.Postgres ? "rt_bench_ledger" : "ledger";
        var keep = Environment.GetEnvironmentVariable("RONGTONG_BENCH_FRESH") != "1";
        var (bench, existed) = await BenchDatabase.OpenAsync(provider, name, keep);
        var complete = false;
        if (existed)
            await using (var db = bench.NewContext())
                complete = await LedgerData.IsCompleteAsync(db);
        if (!complete)
        {
            if (existed) (bench, _) = await BenchDatabase.OpenAsync(provider, name, keep: false);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            await using (var db = bench.NewContext())
                await LedgerData.BuildAsync(db);
            Console.WriteLine($"// {provider}: {LedgerData.Carriers} carriers, {LedgerData.Entries:N0} ledger entries built in {sw.Elapsed.TotalSeconds:N1} s");
        }
        else Console.WriteLine($"// {provider}: kept ledger data set reused");
        await using (var db = bench.NewContext())
            side = new Side(bench, await db.Carriers.Where(c => c.Code == Carrier).Select(c => c.Id).SingleAsync());
        foreach (var year in new int?[] { null, Year })
        {
            var ours = await SummaryAsync(side, year);
            var baseline = await BaselineAsync(side, year);
            if (!Same(ours, baseline))
                throw new InvalidOperationException($"{provider} {year}: FundSummary and the baseline differ:\n{Describe(ours)}\n{Describe(baseline)}");
            Console.WriteLine($"// {provider} {year?.ToString() ?? "all years"}: FundSummary = baseline: {Describe(ours)}");
        }
        Sides[provider] = side;
        return side;
    }

    [GlobalSetup(Targets = [nameof(SqliteBaselineAll), nameof(SqliteSummaryAll), nameof(SqliteBaselineYear), nameof(SqliteSummaryYear)])]
    public void SetupSqlite() => _side = SideAsync(Database.Sqlite).GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(PostgresBaselineAll), nameof(PostgresSummaryAll), nameof(PostgresBaselineYear), nameof(PostgresSummaryYear)])]
    public void SetupPostgres() => _side = SideAsync(Database.Postgres).GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "one hand-written aggregate (ADO.NET)"), BenchmarkCategory("SQLite, all years")]
    public Task<FundFigures> SqliteBaselineAll() => BaselineAsync(_side, null);

    [Benchmark(Description = "FundSummary.HandleAsync"), BenchmarkCategory("SQLite, all years")]
    public Task<FundFigures> SqliteSummaryAll() => SummaryAsync(_side, null);

    [Benchmark(Baseline = true, Description = "one hand-written aggregate (ADO.NET)"), BenchmarkCategory("SQLite, 2020")]
    public Task<FundFigures> SqliteBaselineYear() => BaselineAsync(_side, Year);

    [Benchmark(Description = "FundSummary.HandleAsync"), BenchmarkCategory("SQLite, 2020")]
    public Task<FundFigures> SqliteSummaryYear() => SummaryAsync(_side, Year);

    [Benchmark(Baseline = true, Description = "one hand-written aggregate (ADO.NET)"), BenchmarkCategory("PostgreSQL, all years")]
    public Task<FundFigures> PostgresBaselineAll() => BaselineAsync(_side, null);

    [Benchmark(Description = "FundSummary.HandleAsync"), BenchmarkCategory("PostgreSQL, all years")]
    public Task<FundFigures> PostgresSummaryAll() => SummaryAsync(_side, null);

    [Benchmark(Baseline = true, Description = "one hand-written aggregate (ADO.NET)"), BenchmarkCategory("PostgreSQL, 2020")]
    public Task<FundFigures> PostgresBaselineYear() => BaselineAsync(_side, Year);

    [Benchmark(Description = "FundSummary.HandleAsync"), BenchmarkCategory("PostgreSQL, 2020")]
    public Task<FundFigures> PostgresSummaryYear() => SummaryAsync(_side, Year);

    public static async Task<FundFigures> SummaryAsync(Side side, int? year)
    {
        await using var db = side.Db.NewContext();
        return await new FundSummary(db).HandleAsync(side.CarrierId, year);
    }

    /// <summary>
    /// The baseline: one statement — the carrier's batches, and its allocation changes and disbursements summed by
    /// category and year — as one would write it by hand (a year as a date range on the entry's date), read with
    /// ADO.NET into the same figures.
    /// </summary>
    public static string BaselineSql(string provider, int carrierId, int? year)
    {
        string Year(string column) => provider == Database.Postgres ? $"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)" : $"CAST(substr({column}, 1, 4) AS INTEGER)";
        string In(string column) => year is { } y ? $" AND {column} >= '{y}-01-01' AND {column} < '{y + 1}-01-01'" : "";
        return $"""
            SELECT 0 AS "Kind", NULL AS "Category", 0 AS "Year", f."Source", b."DocumentNo", b."ReceivedOn", b."AmountFen", b."Id"
            FROM "FundBatches" AS b JOIN "Funds" AS f ON f."Id" = b."FundId"
            WHERE f."CarrierId" = {carrierId}{In("b.\"ReceivedOn\"")}
            UNION ALL
            SELECT 1, a."Category", {Year("c.\"EffectiveOn\"")}, NULL, NULL, NULL, SUM(c."DeltaFen"), NULL
            FROM "AllocationChanges" AS c JOIN "Allocations" AS a ON a."Id" = c."AllocationId" JOIN "Funds" AS f ON f."Id" = a."FundId"
            WHERE f."CarrierId" = {carrierId}{In("c.\"EffectiveOn\"")}
            GROUP BY a."Category", {Year("c.\"EffectiveOn\"")}
            UNION ALL
            SELECT 2, a."Category", {Year("d.\"PaidOn\"")}, NULL, NULL, NULL, SUM(d."AmountFen"), NULL
            FROM "Disbursements" AS d JOIN "Allocations" AS a ON a."Id" = d."AllocationId" JOIN "Funds" AS f ON f."Id" = a."FundId"
            WHERE f."CarrierId" = {carrierId}{In("d.\"PaidOn\"")}
            GROUP BY a."Category", {Year("d.\"PaidOn\"")}
            ORDER BY 1, 6, 8
            """;
    }

    public static async Task<FundFigures> BaselineAsync(Side side, int? year)
    {
        await using var conn = side.Db.NewConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = BaselineSql(side.Db.Provider, side.CarrierId, year);
        await using var r = await cmd.ExecuteReaderAsync();
        List<BatchLine> batches = [];
        List<LedgerSum> allocated = [], paid = [];
        while (await r.ReadAsync())
        {
            var kind = Convert.ToInt32(r.GetValue(0));
            var fen = Convert.ToInt64(r.GetValue(6));
            if (kind == 0) batches.Add(new BatchLine(FundLedger.SourceLabel((FundSource)Convert.ToInt32(r.GetValue(3))), r.GetString(4), r.GetFieldValue<DateOnly>(5), fen));
            else (kind == 1 ? allocated : paid).Add(new LedgerSum(r.GetString(1), Convert.ToInt32(r.GetValue(2)), fen));
        }
        return FundSummary.Assemble(batches, allocated, paid);
    }

    public static bool Same(FundFigures a, FundFigures b) =>
        (a.ReceivedFen, a.AllocatedFen, a.DisbursedFen) == (b.ReceivedFen, b.AllocatedFen, b.DisbursedFen)
        && a.Batches.SequenceEqual(b.Batches) && a.ByYear.SequenceEqual(b.ByYear) && a.ByCategory.SequenceEqual(b.ByCategory);

    public static string Describe(FundFigures f) =>
        $"received {Money.Number(f.ReceivedFen)}, allocated {Money.Number(f.AllocatedFen)}, disbursed {Money.Number(f.DisbursedFen)} 万元 ({f.ExecutionRate}%), "
        + $"{f.Batches.Count} batches, years [{string.Join(" ", f.ByYear.Select(y => $"{y.Year}:{Money.Number(y.ReceivedFen)}/{Money.Number(y.AllocatedFen)}/{Money.Number(y.DisbursedFen)}"))}], "
        + $"categories [{string.Join(" ", f.ByCategory.Select(c => $"{c.Category}:{Money.Number(c.AllocatedFen)}/{Money.Number(c.DisbursedFen)}"))}]";

    /// <summary>
    /// Outside BenchmarkDotNet: the figures, the SQL of a warm summary with its times (RONGTONG_BENCH_SQL=1), median
    /// times, and the median time of the XLSX export of the carrier's ledger.
    /// </summary>
    public static async Task OnceAsync(string provider)
    {
        var side = await SideAsync(provider);
        if (Environment.GetEnvironmentVariable("RONGTONG_BENCH_SQL") == "1")
            foreach (var year in new int?[] { null, Year })
                await side.Db.PrintCommandsAsync(db => new FundSummary(db).HandleAsync(side.CarrierId, year));
        await BenchDatabase.MedianAsync("baseline, all years", () => BaselineAsync(side, null));
        await BenchDatabase.MedianAsync("FundSummary, all years", () => SummaryAsync(side, null));
        await BenchDatabase.MedianAsync($"baseline, {Year}", () => BaselineAsync(side, Year));
        await BenchDatabase.MedianAsync($"FundSummary, {Year}", () => SummaryAsync(side, Year));
        // the 资金使用明细表 of the carrier (every entry, ~9,600 rows) and of one year
        await using (var db = side.Db.NewContext())
            Console.WriteLine($"// export: {(await new LedgerExport(db, new FundSummary(db)).RowsAsync(side.CarrierId, new LedgerFilter())).Count:N0} rows, all years");
        await BenchDatabase.MedianAsync("LedgerExport rows, all", async () =>
        {
            await using var db = side.Db.NewContext();
            return (await new LedgerExport(db, new FundSummary(db)).RowsAsync(side.CarrierId, new LedgerFilter())).Count;
        });
        foreach (var year in new int?[] { null, Year })
            await BenchDatabase.MedianAsync($"LedgerExport, {year?.ToString() ?? "all years"}", async () =>
            {
                await using var db = side.Db.NewContext();
                var carrier = await db.Carriers.SingleAsync(c => c.Id == side.CarrierId);
                return (await new LedgerExport(db, new FundSummary(db)).HandleAsync(carrier, new LedgerFilter(year))).Length;
            });
    }
}
