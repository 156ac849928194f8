using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Import;
using Rongtong.Web.Features.Registry.Search;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Bench;

/// <summary>
/// Import of N enterprise rows (validated, all-or-nothing, with audit and search index) from CSV and XLSX into a
/// fresh SQLite and PostgreSQL database, against the physical limit: PostgreSQL COPY of the same CSV into an
/// unindexed table of the same columns (the baseline). Rows/s = N / mean.
/// The import's two halves are also measured alone, so that a target can be checked against what each half costs:
/// the client's (a dry run: reading, parsing and validating, nothing written) and the database's (the rows an import
/// wrote, replayed by the engine itself from a copy of them — <c>INSERT … SELECT</c>, no client work at all).
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

    [IterationSetup(Targets = [nameof(CsvIntoSqlite), nameof(XlsxIntoSqlite), nameof(DryRunCsv), nameof(DryRunXlsx)])]
    public void FreshSqlite() => Fresh(Database.Sqlite);

    [IterationSetup(Targets = [nameof(CsvIntoPostgres), nameof(XlsxIntoPostgres), nameof(RawCopyPostgres)])]
    public void FreshPostgres() => Fresh(Database.Postgres);

    [IterationSetup(Targets = [nameof(WritesOnlySqlite)])]
    public void StagedSqlite() => Staged(Database.Sqlite);

    [IterationSetup(Targets = [nameof(WritesOnlyPostgres)])]
    public void StagedPostgres() => Staged(Database.Postgres);

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

    [Benchmark(Description = "client only: dry run of the CSV (read, parse, validate)")]
    public Task<int> DryRunCsv() => Import(_csv, dryRun: true);

    [Benchmark(Description = "client only: dry run of the XLSX")]
    public Task<int> DryRunXlsx() => Import(_xlsx, dryRun: true);

    [Benchmark(Description = "database only: the import's writes replayed in SQLite")]
    public Task WritesOnlySqlite() => ReplayWritesAsync();

    [Benchmark(Description = "database only: the import's writes replayed in PostgreSQL")]
    public Task WritesOnlyPostgres() => ReplayWritesAsync();

    /// <summary>
    /// A database as an import of the CSV leaves it, then emptied of what the import wrote, with copies of those rows in
    /// unindexed tables (<c>stage_e</c>, <c>stage_y</c>) for <see cref="ReplayWritesAsync"/>.
    /// </summary>
    private void Staged(string provider)
    {
        Fresh(provider);
        Import(_csv).GetAwaiter().GetResult();
        Sql(provider == Database.Postgres
            ? """
              CREATE TABLE stage_e AS SELECT * FROM "Enterprises";
              CREATE TABLE stage_y AS SELECT * FROM "EnterpriseYears";
              TRUNCATE "EnterpriseYears", "Enterprises" CASCADE; -- the other tables that refer to them are empty here
              """
            : """
              CREATE TABLE stage_e AS SELECT * FROM "Enterprises";
              CREATE TABLE stage_y AS SELECT * FROM "EnterpriseYears";
              DELETE FROM "EnterpriseSearch";
              DELETE FROM "EnterpriseYears";
              DELETE FROM "Enterprises";
              """).GetAwaiter().GetResult();
        Sql(provider == Database.Postgres ? "VACUUM ANALYZE" : "VACUUM").GetAwaiter().GetResult();
    }

    /// <summary>
    /// What the import asks of the database for these rows, done by the database alone: the same rows into the same
    /// indexed tables in one transaction, as the import does it — on SQLite with the secondary indexes dropped and rebuilt
    /// and the search index filled by one <c>INSERT … SELECT</c>; on PostgreSQL into the tables with their indexes
    /// (GIN included) and foreign keys — then <c>ANALYZE</c> as the import runs after a large import.
    /// </summary>
    private async Task ReplayWritesAsync()
    {
        if (_db!.IsPostgres)
        {
            await Sql("""
                BEGIN;
                INSERT INTO "Enterprises" SELECT * FROM stage_e;
                INSERT INTO "EnterpriseYears" SELECT * FROM stage_y;
                COMMIT;
                """);
        }
        else
        {
            var indexes = new List<(string Name, string Sql)>();
            await using (var list = await CommandAsync())
            {
                list.CommandText = """SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Enterprises', 'EnterpriseYears') AND sql IS NOT NULL""";
                await using var r = await list.ExecuteReaderAsync();
                while (await r.ReadAsync()) indexes.Add((r.GetString(0), r.GetString(1)));
            }
            await Sql($"""
                BEGIN;
                {string.Concat(indexes.Select(i => $"DROP INDEX \"{i.Name}\";\n"))}
                INSERT INTO "Enterprises" SELECT * FROM stage_e;
                INSERT INTO "EnterpriseYears" SELECT * FROM stage_y;
                INSERT INTO "EnterpriseSearch"(rowid, "SearchGrams") SELECT e."Id", {SearchIndex.DocumentSql("e")} FROM "Enterprises" AS e;
                {string.Concat(indexes.Select(i => i.Sql + ";\n"))}
                COMMIT;
                """);
        }
        await Sql("""ANALYZE "Enterprises"; ANALYZE "EnterpriseYears";""");
    }

    private async Task Sql(string sql)
    {
        await using var cmd = await CommandAsync();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A command on the context's connection, opened through EF Core so that SQLite gets the app's pragmas.</summary>
    private async Task<System.Data.Common.DbCommand> CommandAsync()
    {
        if (_db!.Database.GetDbConnection().State != System.Data.ConnectionState.Open) await _db.Database.OpenConnectionAsync();
        var cmd = _db.Database.GetDbConnection().CreateCommand();
        cmd.CommandTimeout = 0;
        return cmd;
    }

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

    private async Task<int> Import(string path, bool dryRun = false)
    {
        await using var file = File.OpenRead(path);
        var import = new ImportEnterprises(_db!, TimeProvider.System);
        var r = await import.HandleAsync(new ImportRequest(_carrierId, Path.GetFileName(path), file, dryRun));
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
