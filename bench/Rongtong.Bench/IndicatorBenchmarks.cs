using System.Data.Common;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Performance.Computations;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auditing;
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
        public required string Provider { get; init; }
        public required string ConnectionString { get; init; }
        public required int CarrierId { get; init; }
        public required Carrier Carrier { get; init; }
        public RongtongDb NewContext() => Database.NewContext(Provider, ConnectionString, new AuditActor { Name = "bench" });
        public RongtongDb LoggingContext(List<string> log)
        {
            var actor = new AuditActor { Name = "bench" };
            string[] categories = [DbLoggerCategory.Database.Command.Name];
            if (Provider == Database.Postgres)
            {
                var o = new DbContextOptionsBuilder<PostgresRongtongDb>();
                Database.ConfigurePostgres(o, ConnectionString);
                o.LogTo(log.Add, categories, Microsoft.Extensions.Logging.LogLevel.Information);
                return new PostgresRongtongDb(o.Options, actor, TimeProvider.System);
            }
            var s = new DbContextOptionsBuilder<SqliteRongtongDb>();
            Database.ConfigureSqlite(s, ConnectionString);
            s.LogTo(log.Add, categories, Microsoft.Extensions.Logging.LogLevel.Information);
            return new SqliteRongtongDb(s.Options, actor, TimeProvider.System);
        }

        public DbConnection NewConnection() => Provider == Database.Postgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
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
        string cs;
        if (provider == Database.Postgres)
        {
            var admin = Environment.GetEnvironmentVariable("RONGTONG_BENCH_PG")
                        ?? throw new InvalidOperationException("RONGTONG_BENCH_PG is not set (bench/indicators.sh starts PostgreSQL)");
            const string name = "rt_bench_indicators";
            await using (var c = new NpgsqlConnection(admin))
            {
                await c.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
                await drop.ExecuteNonQueryAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", c);
                await create.ExecuteNonQueryAsync();
            }
            cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        }
        else
        {
            var dir = Environment.GetEnvironmentVariable("RONGTONG_BENCH_DATA") ?? Path.Combine(Path.GetTempPath(), "rongtong-bench");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"indicators-{N}.db");
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
            cs = $"Data Source={file}";
        }
        var sw = System.Diagnostics.Stopwatch.StartNew();
        int carrierId;
        await using (var db = Database.NewContext(provider, cs, new AuditActor { Name = "bench" }))
            carrierId = await IndicatorData.BuildAsync(db, N);
        Console.WriteLine($"// {provider}: {N:N0} enterprises with their qualifications and figures built in {sw.Elapsed.TotalSeconds:N1} s");
        await using (var db = Database.NewContext(provider, cs, new AuditActor { Name = "bench" }))
        {
            var carrier = await db.Carriers.AsNoTracking().SingleAsync(c => c.Id == carrierId);
            side = new Side { Provider = provider, ConnectionString = cs, CarrierId = carrierId, Carrier = carrier };
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
        await using var conn = side.NewConnection();
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
        {
            // the commands of a warm ComputeAsync with their times
            var log = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                log.Clear();
                await using var db = side.LoggingContext(log);
                await new RegistryComputations(db).ComputeAsync(side.CarrierId, Year);
            }
            foreach (var l in log) Console.WriteLine(l);
        }
        await Median("baseline", () => BaselineAsync(side));
        await Median("ComputeAsync", () => ComputeAsync(side));
        await Median("EvaluatePeriod", () => EvaluateAsync(side));

        static async Task Median<T>(string what, Func<Task<T>> run)
        {
            var times = new List<double>();
            for (var i = 0; i < 23; i++)
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                await run();
                if (i >= 3) times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{what,-16} median {times[times.Count / 2],8:N2} ms  min {times[0],8:N2} ms");
        }
    }
}
