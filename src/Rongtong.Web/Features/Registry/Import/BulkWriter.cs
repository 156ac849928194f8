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
            if (setIds)
            {
                await using var ids = Command($"SELECT nextval(pg_get_serial_sequence('{map.Table}', '{map.Key.Name}')) FROM generate_series(1, {rows.Count})");
                await using var r = await ids.ExecuteReaderAsync(ct);
                var i = 0;
                while (await r.ReadAsync(ct)) map.SetKey(rows[i++], r.GetInt64(0));
            }
            await CopyAsync(map, map.Table, rows, withKey: setIds, ct);
            return;
        }
        // Microsoft.Data.Sqlite's async methods run synchronously and only add overhead: execute synchronously
        var cols = map.Columns;
        await using var cmd = Command($"INSERT INTO {map.Table} ({string.Join(", ", cols.Select(c => c.Quoted))}) VALUES ({string.Join(", ", cols.Select((_, i) => "$p" + i))})");
        var ps = cols.Select((_, i) => AddParameter(cmd, "$p" + i)).ToArray();
        cmd.Prepare();
        var handle = ((SqliteConnection)Connection).Handle;
        foreach (var row in rows)
        {
            for (var i = 0; i < cols.Length; i++) ps[i].Value = cols[i].ProviderValue(row) ?? DBNull.Value;
            cmd.ExecuteNonQuery();
            if (setIds) map.SetKey(row, raw.sqlite3_last_insert_rowid(handle));
        }
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
            await CopyAsync(map, temp, rows, withKey: true, ct);
            var set = string.Join(", ", map.Columns.Select(c => $"{c.Quoted} = s.{c.Quoted}"));
            await using var update = Command($"UPDATE {map.Table} AS t SET {set} FROM {temp} AS s WHERE t.{key} = s.{key} AND t.{version} = s.{version} - 1");
            changed = await update.ExecuteNonQueryAsync(ct);
        }
        else
        {
            var cols = map.Columns;
            await using var cmd = Command($"UPDATE {map.Table} SET {string.Join(", ", cols.Select((c, i) => $"{c.Quoted} = $p{i}"))} WHERE {key} = $id AND {version} = $v");
            var ps = cols.Select((_, i) => AddParameter(cmd, "$p" + i)).ToArray();
            var pid = AddParameter(cmd, "$id");
            var pv = AddParameter(cmd, "$v");
            var vcol = cols.Single(c => c.Property == "Version");
            cmd.Prepare();
            changed = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < cols.Length; i++) ps[i].Value = cols[i].ProviderValue(row) ?? DBNull.Value;
                pid.Value = map.Key.ProviderValue(row);
                pv.Value = (int)vcol.ProviderValue(row)! - 1;
                changed += cmd.ExecuteNonQuery();
            }
        }
        if (changed != rows.Count)
            throw new ConflictException("导入期间已有他人修改了其中的企业或年度数据，未写入任何数据，请重新导入",
                "Someone changed some of these enterprises or figures during the import; nothing was written, import again");
    }

    /// <summary>Binary COPY of the columns, with or without the key.</summary>
    private async Task CopyAsync<T>(TableMap<T> map, string table, IReadOnlyList<T> rows, bool withKey, CancellationToken ct) where T : class
    {
        var cols = withKey ? [map.Key, .. map.Columns] : map.Columns;
        var conn = (NpgsqlConnection)Connection;
        await using var w = await conn.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", cols.Select(c => c.Quoted))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await w.StartRowAsync(ct);
            foreach (var c in cols)
            {
                var v = c.ProviderValue(row);
                if (v is null) await w.WriteNullAsync(ct);
                else await c.PgWrite(w, v, ct);
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

    private static DbParameter AddParameter(DbCommand cmd, string name)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        cmd.Parameters.Add(p);
        return p;
    }
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
        Func<NpgsqlBinaryImporter, object, CancellationToken, Task> pgWrite)
    {
        public string Name => name;
        public string Quoted => $"\"{name}\"";
        public string Property => property;
        /// <summary>Writes a non-null provider value to a binary COPY with its static type (an object-typed write resolves the type per value, several times slower).</summary>
        public Func<NpgsqlBinaryImporter, object, CancellationToken, Task> PgWrite => pgWrite;
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

    private static Func<NpgsqlBinaryImporter, object, CancellationToken, Task> PgWriterOf(Type t) =>
        t == typeof(int) ? (w, v, ct) => w.WriteAsync((int)v, NpgsqlDbType.Integer, ct)
        : t == typeof(long) ? (w, v, ct) => w.WriteAsync((long)v, NpgsqlDbType.Bigint, ct)
        : t == typeof(bool) ? (w, v, ct) => w.WriteAsync((bool)v, NpgsqlDbType.Boolean, ct)
        : t == typeof(DateOnly) ? (w, v, ct) => w.WriteAsync((DateOnly)v, NpgsqlDbType.Date, ct)
        : t == typeof(DateTime) ? (w, v, ct) => w.WriteAsync((DateTime)v, NpgsqlDbType.TimestampTz, ct)
        : t == typeof(string) ? (w, v, ct) => w.WriteAsync((string)v, NpgsqlDbType.Text, ct)
        : throw new NotSupportedException($"bulk writing of {t.Name} columns is not supported");
}
