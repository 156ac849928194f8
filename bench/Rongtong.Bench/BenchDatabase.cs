using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Bench;

/// <summary>
/// A database of a read benchmark: a SQLite file under RONGTONG_BENCH_DATA, or a database on the server named by
/// RONGTONG_BENCH_PG (the bench scripts start it). Contexts and connections are opened per call, as a request does.
/// </summary>
public sealed class BenchDatabase(string provider, string connectionString)
{
    public string Provider => provider;
    public string ConnectionString => connectionString;

    public static string DataDirectory => Environment.GetEnvironmentVariable("RONGTONG_BENCH_DATA") ?? Path.Combine(Path.GetTempPath(), "rongtong-bench");

    public RongtongDb NewContext() => Database.NewContext(provider, connectionString, new AuditActor { Name = "bench" });

    /// <summary>A context that logs its commands (with their times) into <paramref name="log"/>.</summary>
    public RongtongDb LoggingContext(List<string> log)
    {
        var actor = new AuditActor { Name = "bench" };
        string[] categories = [DbLoggerCategory.Database.Command.Name];
        if (provider == Database.Postgres)
        {
            var o = new DbContextOptionsBuilder<PostgresRongtongDb>();
            Database.ConfigurePostgres(o, connectionString);
            o.LogTo(log.Add, categories, Microsoft.Extensions.Logging.LogLevel.Information);
            return new PostgresRongtongDb(o.Options).ActingAs(actor, TimeProvider.System);
        }
        var s = new DbContextOptionsBuilder<SqliteRongtongDb>();
        Database.ConfigureSqlite(s, connectionString);
        s.LogTo(log.Add, categories, Microsoft.Extensions.Logging.LogLevel.Information);
        return new SqliteRongtongDb(s.Options).ActingAs(actor, TimeProvider.System);
    }

    public DbConnection NewConnection() => provider == Database.Postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    /// <summary>
    /// The database <paramref name="name"/> of a provider (a file <c>name.db</c> for SQLite). Without
    /// <paramref name="keep"/>, or when it does not exist, it is made anew (empty); <c>Existed</c> says whether a kept
    /// one was found.
    /// </summary>
    public static async Task<(BenchDatabase Db, bool Existed)> OpenAsync(string provider, string name, bool keep)
    {
        if (provider == Database.Postgres)
        {
            var admin = Environment.GetEnvironmentVariable("RONGTONG_BENCH_PG")
                        ?? throw new InvalidOperationException("RONGTONG_BENCH_PG is not set (the bench scripts start PostgreSQL)");
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            await using var c = new NpgsqlConnection(admin);
            await c.OpenAsync();
            await using (var exists = new NpgsqlCommand($"SELECT COUNT(*) FROM pg_database WHERE datname = '{name}'", c))
                if (keep && (long)(await exists.ExecuteScalarAsync())! == 1) return (new BenchDatabase(provider, cs), true);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await create.ExecuteNonQueryAsync();
            return (new BenchDatabase(provider, cs), false);
        }
        Directory.CreateDirectory(DataDirectory);
        var file = Path.Combine(DataDirectory, name + ".db");
        var sqlite = new BenchDatabase(provider, $"Data Source={file}");
        if (keep && File.Exists(file)) return (sqlite, true);
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        return (sqlite, false);
    }

    /// <summary>
    /// PostgreSQL: VACUUM marks a page all-visible (which index-only scans need) only if no transaction that might not
    /// see its rows is still running — right after a load, autovacuum's own transaction sometimes is. Vacuums again
    /// until the loaded tables are all-visible (the steady state of data that is read far more than written).
    /// </summary>
    public static async Task AllVisibleAsync(RongtongDb db, string[] tables, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var notVisible = await db.Database.SqlQuery<long>($"""
                SELECT CAST(COALESCE(SUM(relpages - relallvisible), 0) AS BIGINT) AS "Value" FROM pg_class WHERE relname = ANY({tables})
                """).SingleAsync(ct);
            Console.WriteLine($"// PostgreSQL: {notVisible} pages not all-visible after VACUUM {attempt + 1}");
            if (notVisible == 0) return;
            await Task.Delay(1000, ct);
            await db.Database.ExecuteSqlRawAsync("VACUUM", ct);
        }
    }

    /// <summary>The commands of a warm call (the last of five) with their times, printed.</summary>
    public async Task PrintCommandsAsync(Func<RongtongDb, Task> call)
    {
        var log = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            log.Clear();
            await using var db = LoggingContext(log);
            await call(db);
        }
        foreach (var l in log) Console.WriteLine(l);
    }

    /// <summary>Median and minimum of 20 calls after 3 warm-up calls, printed.</summary>
    public static async Task MedianAsync<T>(string what, Func<Task<T>> run)
    {
        var times = new List<double>();
        for (var i = 0; i < 23; i++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            await run();
            if (i >= 3) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{what,-24} median {times[times.Count / 2],8:N2} ms  min {times[0],8:N2} ms");
    }
}
