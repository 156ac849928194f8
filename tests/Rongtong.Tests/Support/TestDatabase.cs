using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Tests.Support;

/// <summary>
/// A fresh, migrated database for one test: a temporary SQLite file, or a new PostgreSQL database on the server
/// named by RONGTONG_TEST_PG (test.sh starts one). Slice tests run on both through <see cref="ProvidersAttribute"/>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PgEnv = "RONGTONG_TEST_PG";

    public string Provider { get; }
    public string ConnectionString { get; }
    private readonly string? _file;
    private readonly string? _pgName;

    private TestDatabase(string provider, string cs, string? file, string? pgName)
    {
        Provider = provider;
        ConnectionString = cs;
        _file = file;
        _pgName = pgName;
    }

    public static bool PostgresAvailable => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PgEnv));

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == Database.Postgres)
        {
            var admin = Environment.GetEnvironmentVariable(PgEnv)
                        ?? throw new InvalidOperationException($"{PgEnv} is not set: run the tests through test.sh, which starts PostgreSQL.");
            var name = "rt_test_" + Guid.NewGuid().ToString("N")[..16];
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            var db = new TestDatabase(Database.Postgres, cs, null, name);
            await db.MigrateAsync();
            return db;
        }
        var file = Path.Combine(Path.GetTempPath(), $"rongtong-test-{Guid.NewGuid():N}.db");
        var sqlite = new TestDatabase(Database.Sqlite, $"Data Source={file}", file, null);
        await sqlite.MigrateAsync();
        return sqlite;
    }

    private async Task MigrateAsync()
    {
        await using var db = NewContext();
        await Database.MigrateAsync(db);
    }

    /// <summary>A context without a request: the actor is "test".</summary>
    public RongtongDb NewContext(AuditActor? actor = null) =>
        Database.NewContext(Provider, ConnectionString, actor ?? new AuditActor { Name = "test" });

    /// <summary>Configuration that points the app or the CLI at this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Database:Provider"] = Provider,
        ["ConnectionStrings:Rongtong"] = ConnectionString,
        ["Files:Root"] = FilesRoot,
    };

    /// <summary>The file store of this database's app alone, deleted with it (tests count the files they store).</summary>
    public string FilesRoot { get; } = Path.Combine(Path.GetTempPath(), "rongtong-test-files", Guid.NewGuid().ToString("N"));

    public async ValueTask DisposeAsync()
    {
        try { if (Directory.Exists(FilesRoot)) Directory.Delete(FilesRoot, recursive: true); } catch (IOException) { }
        if (_file is not null)
        {
            // this file's pool only: ClearAllPools() also reclaimed, in other tests running in parallel, a connection
            // caught between being activated and being owned, and disposed it under them (ObjectDisposedException
            // 'SQLitePCL.sqlite3'; quartznet/quartznet#3755) — one unexplained failure per unlucky CI run
            using (var c = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString)) Microsoft.Data.Sqlite.SqliteConnection.ClearPool(c);
            foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
                try { File.Delete(f); } catch (IOException) { }
        }
        if (_pgName is not null)
        {
            using (var c = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(c);
            await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable(PgEnv));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Runs a theory once per database provider: SQLite always, PostgreSQL when test.sh started it.</summary>
public sealed class ProvidersAttribute : Xunit.v3.DataAttribute
{
    public override ValueTask<IReadOnlyCollection<Xunit.ITheoryDataRow>> GetData(System.Reflection.MethodInfo testMethod, Xunit.Sdk.DisposalTracker disposalTracker)
    {
        var rows = new List<Xunit.ITheoryDataRow> { new Xunit.TheoryDataRow(Database.Sqlite) };
        if (Environment.GetEnvironmentVariable("RONGTONG_TEST_SQLITE_ONLY") != "1")
            rows.Add(new Xunit.TheoryDataRow(Database.Postgres));
        return new ValueTask<IReadOnlyCollection<Xunit.ITheoryDataRow>>(rows);
    }

    public override bool SupportsDiscoveryEnumeration() => true;
}
