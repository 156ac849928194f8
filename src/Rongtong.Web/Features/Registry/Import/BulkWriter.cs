using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Registry.Import;

/// <summary>
/// Writes many rows of an entity without the change tracker (docs/adr/0006-bulk-import.md). Tables, columns and value
/// conversions (scaled decimals, enums) come from the EF model, so the SQL cannot drift from the mapping.
/// SQLite: one prepared, reused command per statement. PostgreSQL: binary COPY (into the table for inserts, with ids
/// drawn from the identity sequence first; into a temporary table for updates, then one UPDATE … FROM).
/// Runs inside the caller's transaction; bypasses the audit interceptor, so the caller writes its own audit rows.
/// </summary>
public sealed class BulkWriter(RongtongDb db, IDbContextTransaction tx)
{
    private DbConnection Connection => db.Database.GetDbConnection();
    private DbTransaction Transaction => tx.GetDbTransaction();

    /// <summary>Inserts the rows; with <paramref name="setIds"/>, sets their generated ids (which costs a sequence call each on PostgreSQL).</summary>
    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct, bool setIds = true) where T : class
    {
        if (rows.Count == 0) return;
        var map = TableMap<T>.For(db);
        if (db.IsPostgres)
        {
            await CopyAsync(map, map.Table, rows, setIds ? await DrawIdsAsync(map, rows.Count, ct) : null, ct);
            return;
        }
        // SQLite: one prepared statement bound and stepped through the native API (Microsoft.Data.Sqlite's parameter
        // binding looks each parameter up by name and converts it per execution, which cost more than SQLite's own work)
        var cols = map.Columns;
        using var stmt = SqliteStatement.Prepare(Connection, $"INSERT INTO {map.Table} ({string.Join(", ", cols.Select(c => c.Quoted))}) VALUES ({string.Join(", ", cols.Select((_, i) => "?" + (i + 1)))})");
        foreach (var row in rows)
        {
            for (var i = 0; i < cols.Length; i++) stmt.Bind(i + 1, cols[i].ProviderValue(row));
            stmt.Run();
            if (setIds) map.SetKey(row, stmt.LastInsertRowId);
        }
    }

    /// <summary>
    /// PostgreSQL: inserts rows as they come (at most <paramref name="count"/>), each with an id drawn before the first,
    /// so that the caller can go on producing rows while the server stores the first ones.
    /// </summary>
    public async Task InsertStreamAsync<T>(IEnumerable<T> rows, int count, CancellationToken ct) where T : class
    {
        var map = TableMap<T>.For(db);
        await CopyAsync(map, map.Table, rows, await DrawIdsAsync(map, count, ct), ct);
    }

    /// <summary>Ids from the table's identity sequence as one array: a row per id made the reading cost more than drawing them.</summary>
    private async Task<long[]> DrawIdsAsync<T>(TableMap<T> map, int count, CancellationToken ct) where T : class
    {
        await using var ids = Command($"SELECT array_agg(nextval(pg_get_serial_sequence('{map.Table}', '{map.Key.Name}'))) FROM generate_series(1, {count})");
        return (long[])(await ids.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// SQLite: drops the secondary indexes of a table (unique ones included) and returns a function that recreates
    /// them from their stored definitions. For an import that more than doubles a table, building an index once over
    /// sorted keys is cheaper than keeping it up to date row by row; a duplicate makes the unique index fail to build,
    /// which aborts the import like an insert would. Inside the caller's transaction, so readers never see the
    /// table without its indexes. PostgreSQL gains nothing from this (measured), so it is never done there.
    /// </summary>
    public async Task<Func<CancellationToken, Task>> DropIndexesAsync<T>(CancellationToken ct) where T : class
    {
        var map = TableMap<T>.For(db);
        var defs = new List<(string Name, string Sql)>();
        await using (var list = Command($"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '{map.Table.Trim('"')}' AND sql IS NOT NULL"))
        await using (var r = await list.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) defs.Add((r.GetString(0), r.GetString(1)));
        foreach (var (name, _) in defs)
        {
            await using var drop = Command($"DROP INDEX \"{name}\"");
            await drop.ExecuteNonQueryAsync(ct);
        }
        return async ct2 =>
        {
            foreach (var (_, sql) in defs)
            {
                await using var create = Command(sql);
                await create.ExecuteNonQueryAsync(ct2);
            }
        };
    }

    /// <summary>
    /// Updates every column of the rows by id, on the condition that the stored version is the row's version − 1
    /// (the caller has bumped it); any row changed meanwhile by someone else fails the whole import.
    /// </summary>
    public async Task UpdateAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var map = TableMap<T>.For(db);
        var version = map.Columns.Single(c => c.Property == "Version").Quoted;
        var key = map.Key.Quoted;
        int changed;
        if (db.IsPostgres)
        {
            var temp = $"\"imp_{typeof(T).Name}\"";
            await using (var create = Command($"CREATE TEMP TABLE {temp} (LIKE {map.Table}) ON COMMIT DROP"))
                await create.ExecuteNonQueryAsync(ct);
            await CopyAsync(map, temp, rows, ids: null, ct, withKey: true);
            var set = string.Join(", ", map.Columns.Select(c => $"{c.Quoted} = s.{c.Quoted}"));
            await using var update = Command($"UPDATE {map.Table} AS t SET {set} FROM {temp} AS s WHERE t.{key} = s.{key} AND t.{version} = s.{version} - 1");
            changed = await update.ExecuteNonQueryAsync(ct);
        }
        else
        {
            var cols = map.Columns;
            var vcol = Array.FindIndex(cols, c => c.Property == "Version");
            using var stmt = SqliteStatement.Prepare(Connection,
                $"UPDATE {map.Table} SET {string.Join(", ", cols.Select((c, i) => $"{c.Quoted} = ?{i + 1}"))} WHERE {key} = ?{cols.Length + 1} AND {version} = ?{cols.Length + 2}");
            changed = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < cols.Length; i++) stmt.Bind(i + 1, cols[i].ProviderValue(row));
                stmt.Bind(cols.Length + 1, map.Key.ProviderValue(row));
                stmt.Bind(cols.Length + 2, (int)cols[vcol].ProviderValue(row)! - 1);
                changed += stmt.Run();
            }
        }
        if (changed != rows.Count)
            throw new ConflictException("导入期间已有他人修改了其中的企业或年度数据，未写入任何数据，请重新导入",
                "Someone changed some of these enterprises or figures during the import; nothing was written, import again");
    }

    /// <summary>Binary COPY of the columns; with the key when <paramref name="ids"/> are given (set on the rows in order) or <paramref name="withKey"/>.</summary>
    private async Task CopyAsync<T>(TableMap<T> map, string table, IEnumerable<T> rows, long[]? ids, CancellationToken ct, bool withKey = false) where T : class
    {
        var cols = withKey || ids is not null ? [map.Key, .. map.Columns] : map.Columns;
        var n = 0;
        var conn = (NpgsqlConnection)Connection;
        await using var w = await conn.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", cols.Select(c => c.Quoted))}) FROM STDIN (FORMAT BINARY)", ct);
        // values are written synchronously: they go to Npgsql's buffer, which flushes to the socket now and then, and an
        // awaited write per value (2.3 million for an import of 100,000 rows) cost more than the server's work
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            if (ids is not null) map.SetKey(row, ids[n++]);
            w.StartRow();
            foreach (var c in cols)
            {
                var v = c.ProviderValue(row);
                if (v is null) w.WriteNull();
                else c.PgWrite(w, v);
            }
        }
        await w.CompleteAsync(ct);
    }

    private DbCommand Command(string sql)
    {
        var cmd = Connection.CreateCommand();
        cmd.Transaction = Transaction;
        cmd.CommandText = sql;
        return cmd;
    }

}

/// <summary>
/// A prepared SQLite statement driven through the native API, on the connection's open transaction. Values are bound
/// the way Microsoft.Data.Sqlite binds them (integers, booleans as 0/1, dates and times as ISO text), so rows written
/// here read back through EF Core exactly as rows EF Core wrote.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    // the last date/time bound per parameter and its text: an import stamps every row with the same instant
    private readonly Dictionary<int, (object Value, string Text)> _dates = [];

    private SqliteStatement(sqlite3 db, sqlite3_stmt stmt) => (_db, _stmt) = (db, stmt);

    public static SqliteStatement Prepare(DbConnection connection, string sql)
    {
        var db = ((SqliteConnection)connection).Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var stmt));
        return new SqliteStatement(db, stmt);
    }

    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    public void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_stmt, index),
            int i => raw.sqlite3_bind_int64(_stmt, index, i),
            long l => raw.sqlite3_bind_int64(_stmt, index, l),
            bool b => raw.sqlite3_bind_int64(_stmt, index, b ? 1 : 0),
            string s => raw.sqlite3_bind_text16(_stmt, index, s),
            double d => raw.sqlite3_bind_double(_stmt, index, d),
            DateTime t => raw.sqlite3_bind_text16(_stmt, index, DateText(index, t)),
            DateOnly d => raw.sqlite3_bind_text16(_stmt, index, DateText(index, d)),
            _ => throw new NotSupportedException($"bulk writing of {value.GetType().Name} values is not supported"),
        };
        Check(_db, rc);
    }

    private string DateText(int index, object value)
    {
        if (_dates.TryGetValue(index, out var last) && last.Value.Equals(value)) return last.Text;
        var text = value is DateTime t
            ? t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture)
            : ((DateOnly)value).ToString(@"yyyy\-MM\-dd", System.Globalization.CultureInfo.InvariantCulture);
        _dates[index] = (value, text);
        return text;
    }

    /// <summary>Runs the statement once and resets it for the next row; returns the rows it changed.</summary>
    public int Run()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
        return raw.sqlite3_changes(_db);
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
    }

    public void Dispose() => _stmt.Dispose();
}

/// <summary>Table, key and columns of an entity as the EF model maps them, with compiled getters.</summary>
internal sealed class TableMap<T> where T : class
{
    private static readonly TableMap<T>?[] Cache = new TableMap<T>?[2]; // per provider: type mappings may differ

    public string Table { get; }
    public Column Key { get; }
    /// <summary>Every mapped column but the key.</summary>
    public Column[] Columns { get; }
    private readonly Action<T, long> _setKey;

    public sealed class Column(string name, string property, Func<T, object?> get, Func<object?, object?>? toProvider,
        Action<NpgsqlBinaryImporter, object> pgWrite)
    {
        public string Name => name;
        public string Quoted => $"\"{name}\"";
        public string Property => property;
        /// <summary>Writes a non-null provider value to a binary COPY with its static type (an object-typed write resolves the type per value, several times slower).</summary>
        public Action<NpgsqlBinaryImporter, object> PgWrite => pgWrite;
        /// <summary>The property's value.</summary>
        public object? Value(T row) => get(row);
        /// <summary>The value as the database stores it (decimals as scaled integers, enums as integers).</summary>
        public object? ProviderValue(T row) => toProvider is null ? get(row) : toProvider(get(row));
    }

    private TableMap(IEntityType et)
    {
        Table = $"\"{et.GetTableName()}\"";
        var store = StoreObjectIdentifier.Table(et.GetTableName()!, et.GetSchema());
        var key = et.FindPrimaryKey()!.Properties.Single();
        Column ColumnOf(IProperty p)
        {
            var converter = p.GetTypeMapping().Converter;
            var clr = converter?.ProviderClrType ?? p.ClrType;
            return new Column(p.GetColumnName(store)!, p.Name, Getter(p), converter?.ConvertToProvider, PgWriterOf(Nullable.GetUnderlyingType(clr) ?? clr));
        }
        Key = ColumnOf(key);
        Columns = et.GetProperties().Where(p => !p.IsPrimaryKey()).Select(ColumnOf).ToArray();
        var row = Expression.Parameter(typeof(T));
        var value = Expression.Parameter(typeof(long));
        _setKey = Expression.Lambda<Action<T, long>>(
            Expression.Assign(Expression.Property(row, key.PropertyInfo!), Expression.Convert(value, key.ClrType)), row, value).Compile();
    }

    public static TableMap<T> For(RongtongDb db) =>
        Cache[db.IsPostgres ? 1 : 0] ??= new TableMap<T>(db.Model.FindEntityType(typeof(T))!);

    public void SetKey(T row, long id) => _setKey(row, id);

    private static Func<T, object?> Getter(IProperty p)
    {
        var row = Expression.Parameter(typeof(T));
        return Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(row, p.PropertyInfo!), typeof(object)), row).Compile();
    }

    private static Action<NpgsqlBinaryImporter, object> PgWriterOf(Type t) =>
        t == typeof(int) ? (w, v) => w.Write((int)v, NpgsqlDbType.Integer)
        : t == typeof(long) ? (w, v) => w.Write((long)v, NpgsqlDbType.Bigint)
        : t == typeof(bool) ? (w, v) => w.Write((bool)v, NpgsqlDbType.Boolean)
        : t == typeof(DateOnly) ? (w, v) => w.Write((DateOnly)v, NpgsqlDbType.Date)
        : t == typeof(DateTime) ? (w, v) => w.Write((DateTime)v, NpgsqlDbType.TimestampTz)
        : t == typeof(string) ? (w, v) => w.Write((string)v, NpgsqlDbType.Text)
        : throw new NotSupportedException($"bulk writing of {t.Name} columns is not supported");
}
