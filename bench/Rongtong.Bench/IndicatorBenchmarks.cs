using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Performance.Computations;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Bench;

/// <summary>
/// Indicator computation for one carrier with N enterprises (<see cref="IndicatorData"/>), on SQLite and PostgreSQL:
/// every registry computation of 2021 (<see cref="RegistryComputations.ComputeAsync"/>) and the full evaluation of
/// 2021 (catalogue, values, computations of 2021 and 2020), each against the baseline of its database: the single
/// hand-written aggregate over the same rows (the in-zone enterprises' 2021 figures) through plain ADO.NET.
/// Every call opens its connection from the pool, as a request does. Target: computation within 3× of the baseline.
/// </summary>
[MemoryDiagnoser(false)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class IndicatorBenchmarks
{
    public static int N = int.TryParse(Environment.GetEnvironmentVariable("RONGTONG_BENCH_N"), out var n) ? n : 20_000;
    private static readonly Period Year = new(2021, PeriodKind.Y);

    /// <summary>One database with the data set, built once per process and kept for every benchmark of its provider.</summary>
    public sealed class Side
    {
        public required BenchDatabase Db { get; init; }
        public required int CarrierId { get; init; }
        public required Carrier Carrier { get; init; }
        public RongtongDb NewContext() => Db.NewContext();
    }

    private static readonly Dictionary<string, Side> Sides = [];
    private Side _side = null!;

    public static string BaselineSql(int carrierId, int year) => $"""
        SELECT COUNT(*), SUM(y."Employees"), SUM(y."DegreeHolders"), SUM(y."NewJobs"), SUM(y."Output"), SUM(y."ProfitTax"), SUM(y."RnD"), SUM(y."LandArea")
        FROM "EnterpriseYears" AS y JOIN "Enterprises" AS e ON e."Id" = y."EnterpriseId"
        WHERE e."CarrierId" = {carrierId} AND e."InZone" AND y."Year" = {year}
        """;

    /// <summary>Builds (first call in the process) or returns the database of a provider.</summary>
    public static async Task<Side> SideAsync(string provider)
    {
        if (Sides.TryGetValue(provider, out var side)) return side;
        var (bench, _) = await BenchDatabase.OpenAsync(provider, provider == Database.Postgres ? "rt_bench_indicators" : $"indicators-{N}", keep: false);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        int carrierId;
        await using (var db = bench.NewContext())
            carrierId = await IndicatorData.BuildAsync(db, N);
        Console.WriteLine($"// {provider}: {N:N0} enterprises with their qualifications and figures built in {sw.Elapsed.TotalSeconds:N1} s");
        await using (var db = bench.NewContext())
        {
            var carrier = await db.Carriers.AsNoTracking().SingleAsync(c => c.Id == carrierId);
            side = new Side { Db = bench, CarrierId = carrierId, Carrier = carrier };
        }
        Sides[provider] = side;
        return side;
    }

    [GlobalSetup(Targets = [nameof(SqliteBaseline), nameof(SqliteCompute), nameof(SqliteEvaluate)])]
    public void SetupSqlite() => _side = SideAsync(Database.Sqlite).GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(PostgresBaseline), nameof(PostgresCompute), nameof(PostgresEvaluate)])]
    public void SetupPostgres() => _side = SideAsync(Database.Postgres).GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "one hand-written aggregate (ADO.NET)"), BenchmarkCategory("SQLite")]
    public Task<long> SqliteBaseline() => BaselineAsync(_side);

    [Benchmark(Description = "ComputeAsync 2021Y"), BenchmarkCategory("SQLite")]
    public Task<int> SqliteCompute() => ComputeAsync(_side);

    [Benchmark(Description = "EvaluatePeriod 2021Y"), BenchmarkCategory("SQLite")]
    public Task<int> SqliteEvaluate() => EvaluateAsync(_side);

    [Benchmark(Baseline = true, Description = "one hand-written aggregate (ADO.NET)"), BenchmarkCategory("PostgreSQL")]
    public Task<long> PostgresBaseline() => BaselineAsync(_side);

    [Benchmark(Description = "ComputeAsync 2021Y"), BenchmarkCategory("PostgreSQL")]
    public Task<int> PostgresCompute() => ComputeAsync(_side);

    [Benchmark(Description = "EvaluatePeriod 2021Y"), BenchmarkCategory("PostgreSQL")]
    public Task<int> PostgresEvaluate() => EvaluateAsync(_side);

    public static async Task<long> BaselineAsync(Side side)
    {
        await using var conn = side.Db.NewConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = BaselineSql(side.CarrierId, Year.Year);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return r.GetInt64(0) + Convert.ToInt64(r.GetValue(4));
    }

    public static async Task<int> ComputeAsync(Side side)
    {
        await using var db = side.NewContext();
        var values = await new RegistryComputations(db).ComputeAsync(side.CarrierId, Year);
        return values.Count;
    }

    public static async Task<int> EvaluateAsync(Side side)
    {
        await using var db = side.NewContext();
        var e = await new EvaluatePeriod(db, new RegistryComputations(db)).HandleAsync(side.Carrier, Year);
        return e.Rows.Count;
    }

    /// <summary>
    /// Outside BenchmarkDotNet: builds the data set, prints every computed value of 2021 and 2020 (to compare before and
    /// after a change of the queries) and the median of 20 calls of each benchmark.
    /// </summary>
    public static async Task OnceAsync(string provider)
    {
        var side = await SideAsync(provider);
        await using (var db = side.NewContext())
        {
            var c = new RegistryComputations(db);
            foreach (var p in new[] { Year, Year.Previous, new Period(2021, PeriodKind.H1) })
                foreach (var (k, v) in (await c.ComputeAsync(side.CarrierId, p)).OrderBy(x => x.Key, StringComparer.Ordinal))
                    Console.WriteLine($"{p} {k,-24} {v.Value,16} {v.Records,8}");
        }
        if (Environment.GetEnvironmentVariable("RONGTONG_BENCH_SQL") == "1")
            await side.Db.PrintCommandsAsync(db => new RegistryComputations(db).ComputeAsync(side.CarrierId, Year));
        await BenchDatabase.MedianAsync("baseline", () => BaselineAsync(side));
        await BenchDatabase.MedianAsync("ComputeAsync", () => ComputeAsync(side));
        await BenchDatabase.MedianAsync("EvaluatePeriod", () => EvaluateAsync(side));
    }
}
