using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Import;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Bench;

/// <summary>
/// Import of N enterprise rows (validated, all-or-nothing, with audit and search index) from CSV and XLSX into a
/// fresh SQLite and PostgreSQL database, against the physical limit: PostgreSQL COPY of the same CSV into an
/// unindexed table of the same columns (the baseline). Rows/s = N / mean.
/// </summary>

[MemoryDiagnoser(false)]
public class ImportBenchmarks
{
    public static int N = int.TryParse(Environment.GetEnvironmentVariable("RONGTONG_BENCH_N"), out var n) ? n : 100_000;
    private static string Dir => Environment.GetEnvironmentVariable("RONGTONG_BENCH_DATA") ?? Path.Combine(Path.GetTempPath(), "rongtong-bench");
    private static string PgAdmin => Environment.GetEnvironmentVariable("RONGTONG_BENCH_PG")
                                     ?? throw new InvalidOperationException("RONGTONG_BENCH_PG is not set (bench/run.sh starts PostgreSQL)");

    private string _csv = "", _xlsx = "";
    private RongtongDb? _db;
    private int _carrierId;
    private string? _pgName, _sqliteFile;

    [GlobalSetup]
    public void Setup()
    {
        _csv = Generator.WriteCsv(N, Dir);
        _xlsx = Generator.WriteXlsx(N, Dir);
    }

    [IterationSetup(Targets = [nameof(CsvIntoSqlite), nameof(XlsxIntoSqlite)])]
    public void FreshSqlite() => Fresh(Database.Sqlite);

    [IterationSetup(Targets = [nameof(CsvIntoPostgres), nameof(XlsxIntoPostgres), nameof(RawCopyPostgres)])]
    public void FreshPostgres() => Fresh(Database.Postgres);

    [IterationCleanup]
    public void Cleanup()
    {
        _db?.Dispose();
        _db = null;
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" }) File.Delete(f);
            _sqliteFile = null;
        }
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(PgAdmin);
            c.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", c);
            cmd.ExecuteNonQuery();
            _pgName = null;
        }
    }

    [Benchmark(Baseline = true, Description = "PostgreSQL COPY (raw, no validation)")]
    public async Task<long> RawCopyPostgres()
    {
        var conn = (NpgsqlConnection)_db!.Database.GetDbConnection();
        await conn.OpenAsync();
        await using (var create = new NpgsqlCommand("""
            CREATE UNLOGGED TABLE raw_import (credit_code text, name text, industry text, employees int, degree int, revenue numeric,
              assets numeric, output numeric, profit_tax numeric, rnd numeric, land numeric, new_jobs int, year int)
            """, conn))
            await create.ExecuteNonQueryAsync();
        await using var writer = await conn.BeginTextImportAsync("COPY raw_import FROM STDIN (FORMAT csv, HEADER true)");
        using var reader = new StreamReader(_csv);
        var buffer = new char[1 << 16];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0) await writer.WriteAsync(buffer, 0, read);
        return 0;
    }

    [Benchmark(Description = "import CSV → SQLite")]
    public Task<int> CsvIntoSqlite() => Import(_csv);

    [Benchmark(Description = "import XLSX → SQLite")]
    public Task<int> XlsxIntoSqlite() => Import(_xlsx);

    [Benchmark(Description = "import CSV → PostgreSQL")]
    public Task<int> CsvIntoPostgres() => Import(_csv);

    [Benchmark(Description = "import XLSX → PostgreSQL")]
    public Task<int> XlsxIntoPostgres() => Import(_xlsx);

    /// <summary>One timed import outside BenchmarkDotNet, printing when each stage began (for profiling).</summary>
    public static async Task OnceAsync(string provider, string format)
    {
        // a small import first, so that the timed one does not include compiling the code and the EF model
        var n = N;
        N = 2000;
        var warm = new ImportBenchmarks();
        warm.Setup();
        if (provider == Database.Postgres) warm.FreshPostgres(); else warm.FreshSqlite();
        await warm.Import(format == "xlsx" ? warm._xlsx : warm._csv);
        warm.Cleanup();
        N = n;
        var b = new ImportBenchmarks();
        b.Setup();
        if (provider == Database.Postgres) b.FreshPostgres(); else b.FreshSqlite();
        var path = format == "xlsx" ? b._xlsx : b._csv;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        int[] gc0 = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var pause0 = GC.GetTotalPauseDuration();
        // CPU time of this process, allocated bytes and garbage collections (gen0/gen1/gen2, pause time) since the import began
        var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        string Gc() => $"cpu {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds,6:N0} ms, {(GC.GetTotalAllocatedBytes(precise: true) - alloc0) / 1048576.0,7:N0} MB allocated, GC {GC.CollectionCount(0) - gc0[0]}/{GC.CollectionCount(1) - gc0[1]}/{GC.CollectionCount(2) - gc0[2]}, paused {(GC.GetTotalPauseDuration() - pause0).TotalMilliseconds:N0} ms";
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var last = (ImportStage)(-1);
        await using var file = File.OpenRead(path);
        var r = await new ImportEnterprises(b._db!, TimeProvider.System).HandleAsync(new ImportRequest(b._carrierId, Path.GetFileName(path), file, false), p =>
        {
            if (p.Stage == last) return;
            last = p.Stage;
            Console.WriteLine($"{sw.ElapsedMilliseconds,7} ms  {p.Stage,-10}  {Gc()}");
        });
        Console.WriteLine($"{sw.ElapsedMilliseconds,7} ms  done        {Gc()}: ok={r.Ok} created={r.Totals?.EnterprisesCreated} → {N / sw.Elapsed.TotalSeconds:N0} rows/s");
        b.Cleanup();
    }

    private async Task<int> Import(string path)
    {
        await using var file = File.OpenRead(path);
        var import = new ImportEnterprises(_db!, TimeProvider.System);
        var r = await import.HandleAsync(new ImportRequest(_carrierId, Path.GetFileName(path), file, DryRun: false));
        if (!r.Ok || r.Totals?.EnterprisesCreated != N)
            throw new InvalidOperationException($"import failed: {r.Rows.FirstOrDefault(x => !x.Ok)?.Errors.FirstOrDefault()?.MessageEn}");
        return r.Totals.EnterprisesCreated;
    }

    private void Fresh(string provider)
    {
        Cleanup();
        if (provider == Database.Postgres)
        {
            _pgName = "rt_bench_" + Guid.NewGuid().ToString("N")[..12];
            using (var c = new NpgsqlConnection(PgAdmin))
            {
                c.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE {_pgName}", c);
                cmd.ExecuteNonQuery();
            }
            _db = Database.NewContext(provider, new NpgsqlConnectionStringBuilder(PgAdmin) { Database = _pgName }.ConnectionString, new AuditActor { Name = "bench" });
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"rongtong-bench-{Guid.NewGuid():N}.db");
            _db = Database.NewContext(provider, $"Data Source={_sqliteFile}", new AuditActor { Name = "bench" });
        }
        Database.MigrateAsync(_db).GetAwaiter().GetResult();
        var carrier = new Carrier { Code = "bench", Name = "bench", Zone = "bench", MainIndustries = "31" };
        _db.Carriers.Add(carrier);
        _db.SaveChanges();
        _carrierId = carrier.Id;
        _db.ChangeTracker.Clear();
    }
}
