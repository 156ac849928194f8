using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Files;

namespace Rongtong.Web.Platform.Data;

/// <summary>Database provider selection, shared by the web app, the CLI, the tests and the benchmarks.</summary>
public static class Database
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public sealed record Settings(string Provider, string ConnectionString);

    /// <summary>
    /// <c>Database:Provider</c> = Sqlite (default) | Postgres; <c>ConnectionStrings:Rongtong</c>. Without a connection
    /// string SQLite uses <c>data/rongtong.db</c> under the working directory (or <c>Database:DataDirectory</c>).
    /// </summary>
    public static Settings Resolve(IConfiguration config)
    {
        var provider = config["Database:Provider"] ?? Sqlite;
        var cs = config.GetConnectionString("Rongtong");
        if (string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase) || string.Equals(provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(cs))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Rongtong (ConnectionStrings__Rongtong) is not set.");
            return new Settings(Postgres, cs);
        }
        if (!string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Unknown Database:Provider '{provider}'; use Sqlite or Postgres.");
        if (string.IsNullOrWhiteSpace(cs))
        {
            var dir = Path.GetFullPath(config["Database:DataDirectory"] ?? DefaultDataDirectory());
            Directory.CreateDirectory(dir);
            cs = $"Data Source={Path.Combine(dir, "rongtong.db")}";
        }
        else
        {
            var b = new SqliteConnectionStringBuilder(cs);
            var folder = Path.GetDirectoryName(Path.GetFullPath(b.DataSource));
            if (folder is not null && b.Mode != SqliteOpenMode.Memory) Directory.CreateDirectory(folder);
        }
        return new Settings(Sqlite, cs);
    }

    /// <summary>
    /// <c>data/</c> at the root of a source checkout (found by walking up to Rongtong.slnx), so that the web app and the
    /// CLI run with <c>dotnet run --project …</c> share one file; otherwise <c>data/</c> under the working directory.
    /// </summary>
    public static string DefaultDataDirectory()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Rongtong.slnx"))) return Path.Combine(d.FullName, "data");
        return "data";
    }

    public static IServiceCollection AddRongtongDb(this IServiceCollection services, IConfiguration config)
    {
        var s = Resolve(config);
        services.AddSingleton(s);
        services.TryAddTimeProvider();
        services.AddScoped<AuditActor>();
        services.AddFileStore(config);
        // pooled: a context's internal services are built once, not on every request (building and resolving them
        // cost the search page a quarter of its throughput under load, /health most of its); the scope's actor and
        // clock are set on every rent (docs/adr/0013-pooled-context.md)
        if (s.Provider == Postgres) AddPool<PostgresRongtongDb>(services, o => ConfigurePostgres(o, s.ConnectionString));
        else AddPool<SqliteRongtongDb>(services, o => ConfigureSqlite(o, s.ConnectionString));
        // the scope's context: rented from the pool (and returned when the scope ends), acting as the scope's actor
        services.AddScoped(sp => Rent(sp, sp.GetRequiredService<AuditActor>()));
        return services;
    }

    private static void AddPool<T>(IServiceCollection services, Action<DbContextOptionsBuilder> configure) where T : RongtongDb
    {
        services.AddPooledDbContextFactory<T>(configure);
        services.AddSingleton(sp => new Pool(sp.GetRequiredService<IDbContextFactory<T>>().CreateDbContext));
    }

    /// <summary>The configured provider's pool, seen as the common context type.</summary>
    private sealed record Pool(Func<RongtongDb> Rent);

    private static RongtongDb Rent(IServiceProvider sp, AuditActor actor) =>
        sp.GetRequiredService<Pool>().Rent().ActingAs(actor, sp.GetRequiredService<TimeProvider>());

    /// <summary>A context from the pool outside any request (background work), acting as the system.</summary>
    public static RongtongDb RentSystemContext(IServiceProvider sp) => Rent(sp, new AuditActor());

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }

    /// <remarks>
    /// EF's SQLite table rebuilds in migrations (a column changed in place) switch foreign keys off around the rebuild,
    /// which SQLite cannot do inside a transaction; EF warns about it on every fresh database. Those rebuilds are EF's
    /// own and run on the first start, before anyone uses the database, so the warning only alarms the person starting it.
    /// </remarks>
    public static void ConfigureSqlite(DbContextOptionsBuilder o, string cs) => Common(o.UseSqlite(cs).AddInterceptors(SqlitePragmas.Instance)
        .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning)));

    public static void ConfigurePostgres(DbContextOptionsBuilder o, string cs) => Common(o.UseNpgsql(cs));

    /// <remarks>
    /// A <c>Take</c> without <c>OrderBy</c> is how this code counts up to a cap (<c>Take(n).Count()</c>: the search
    /// count, the view's budget, the import's one-pass check) and asks whether a name is ambiguous (<c>Take(2)</c>);
    /// ordering them would only cost a sort. Every page of rows is ordered (the search's order is checked against the
    /// registry view's in <c>RegistryViewTests</c>), so EF's warning on each of those queries is noise in the log.
    /// </remarks>
    private static void Common(DbContextOptionsBuilder o) =>
        o.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    /// <summary>A context outside dependency injection (tools, tests, benchmarks), acting as <paramref name="actor"/>.</summary>
    public static RongtongDb NewContext(string provider, string cs, AuditActor actor)
    {
        if (provider == Postgres)
        {
            var o = new DbContextOptionsBuilder<PostgresRongtongDb>();
            ConfigurePostgres(o, cs);
            return new PostgresRongtongDb(o.Options).ActingAs(actor, TimeProvider.System);
        }
        var s = new DbContextOptionsBuilder<SqliteRongtongDb>();
        ConfigureSqlite(s, cs);
        return new SqliteRongtongDb(s.Options).ActingAs(actor, TimeProvider.System);
    }

    /// <summary>Creates or upgrades the schema (never EnsureCreated), and sets SQLite to WAL.</summary>
    public static async Task MigrateAsync(RongtongDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (!db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            // statistics let the planner drive searches from the FTS index instead of scanning by name
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
        }
    }
}

/// <summary>
/// Per-connection SQLite settings: a larger page cache and memory-mapped reads, normal sync under WAL. They belong to the
/// native connection, which Microsoft.Data.Sqlite pools, so they are set once per native handle, not on every open
/// (four statements prepared and run on every open cost ~30 µs; a page opens the connection two or three times).
/// </summary>
internal sealed class SqlitePragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private const string Sql = "PRAGMA cache_size=-32000; PRAGMA mmap_size=268435456; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        if (!IsNew(connection)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (!IsNew(connection)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>True the first time this native connection is seen (a connection without a handle counts as new).</summary>
    private static bool IsNew(System.Data.Common.DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, handle);
}

/// <summary>Design-time factories for <c>dotnet ef migrations add … --context SqliteRongtongDb|PostgresRongtongDb</c>.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteRongtongDb>
{
    public SqliteRongtongDb CreateDbContext(string[] args) =>
        (SqliteRongtongDb)Database.NewContext(Database.Sqlite, "Data Source=design.db", new AuditActor());
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresRongtongDb>
{
    public PostgresRongtongDb CreateDbContext(string[] args) =>
        (PostgresRongtongDb)Database.NewContext(Database.Postgres, "Host=localhost;Database=rongtong_design", new AuditActor());
}
