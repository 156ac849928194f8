using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Registry.Search;

/// <summary>
/// Keeps SQLite's FTS5 table "EnterpriseSearch" (rowid = enterprise id) equal to Enterprises.SearchGrams, each gram
/// prefixed with the enterprise's carrier (<see cref="Document"/>). PostgreSQL needs nothing: its GIN index is an expression index on
/// the column itself.
/// </summary>
public static class SearchIndex
{
    /// <summary>
    /// A gram as indexed for one carrier: "c12x钢管". Every gram carries its carrier, so a search of one carrier reads
    /// only that carrier's posting lists and is counted by the index alone. Carrier ids are digits and the first 'x'
    /// ends them, so no two (carrier, gram) pairs give the same token.
    /// </summary>
    public static string Token(int carrierId, string gram) => Prefix(carrierId) + gram;

    private static string Prefix(int carrierId) => "c" + carrierId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "x";

    /// <summary>The indexed text of an enterprise: its grams, each with its carrier (the same text the migration and bulk import build in SQL).</summary>
    public static string Document(int carrierId, string grams) => Prefix(carrierId) + grams.Replace(" ", " " + Prefix(carrierId), StringComparison.Ordinal);

    /// <summary>SQL for <see cref="Document"/> of the row aliased <paramref name="e"/>.</summary>
    internal static string DocumentSql(string e) =>
        $"""'c' || {e}."CarrierId" || 'x' || replace({e}."SearchGrams", ' ', ' c' || {e}."CarrierId" || 'x')""";

    /// <summary>An FTS5 query for a carrier's enterprises that have every gram.</summary>
    public static string Match(int carrierId, IEnumerable<string> grams) =>
        string.Join(" AND ", grams.Select(g => $"\"{Token(carrierId, g)}\""));

    /// <summary>Enterprises whose grams an EF save is about to change (captured before the save).</summary>
    public static List<EntityEntry<Enterprise>> Pending(RongtongDb db) =>
        db.IsPostgres ? [] : db.ChangeTracker.Entries<Enterprise>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted
                        || (e.State == EntityState.Modified && (e.Property(x => x.SearchGrams).IsModified || e.Property(x => x.CarrierId).IsModified)))
            .ToList();

    /// <summary>After the save, in the same transaction: re-index the captured enterprises.</summary>
    public static async Task ApplyAsync(RongtongDb db, List<EntityEntry<Enterprise>> pending, List<int> deleted, CancellationToken ct)
    {
        if (pending.Count == 0 && deleted.Count == 0) return;
        var conn = db.Database.GetDbConnection();
        var tx = db.Database.CurrentTransaction?.GetDbTransaction();
        await UpsertAsync(conn, tx, pending.Where(e => e.State != EntityState.Detached).Select(e => (e.Entity.Id, e.Entity.CarrierId, e.Entity.SearchGrams)), deleted, ct);
    }

    /// <summary>
    /// Indexes enterprises just inserted (bulk import) from their stored grams with one INSERT … SELECT per chunk of
    /// ids, instead of one statement per enterprise.
    /// </summary>
    public static async Task AddFromTableAsync(DbConnection conn, DbTransaction? tx, IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        var p = cmd.CreateParameter();
        p.ParameterName = "$ids";
        cmd.Parameters.Add(p);
        foreach (var chunk in ids.Order().Chunk(50_000))
        {
            // a JSON array of ids: one parameter however many rows
            p.Value = "[" + string.Join(",", chunk) + "]";
            cmd.CommandText = $"""
                DELETE FROM "EnterpriseSearch" WHERE rowid IN (SELECT value FROM json_each($ids));
                INSERT INTO "EnterpriseSearch"(rowid, "SearchGrams")
                SELECT e."Id", {DocumentSql("e")} FROM json_each($ids) AS j JOIN "Enterprises" AS e ON e."Id" = j.value;
                """;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Replaces the index rows of the given enterprises and removes the deleted ones (also used by bulk import).</summary>
    public static async Task UpsertAsync(DbConnection conn, DbTransaction? tx, IEnumerable<(int Id, int CarrierId, string Grams)> rows, IEnumerable<int> deleted, CancellationToken ct)
    {
        await using var del = conn.CreateCommand();
        del.Transaction = tx;
        del.CommandText = """DELETE FROM "EnterpriseSearch" WHERE rowid = $id""";
        var delId = del.CreateParameter();
        delId.ParameterName = "$id";
        del.Parameters.Add(delId);
        await using var ins = conn.CreateCommand();
        ins.Transaction = tx;
        ins.CommandText = """INSERT INTO "EnterpriseSearch"(rowid, "SearchGrams") VALUES ($id, $g)""";
        var insId = ins.CreateParameter();
        insId.ParameterName = "$id";
        var insG = ins.CreateParameter();
        insG.ParameterName = "$g";
        ins.Parameters.Add(insId);
        ins.Parameters.Add(insG);
        foreach (var id in deleted)
        {
            delId.Value = id;
            await del.ExecuteNonQueryAsync(ct);
        }
        foreach (var (id, carrierId, grams) in rows)
        {
            delId.Value = id;
            await del.ExecuteNonQueryAsync(ct);
            insId.Value = id;
            insG.Value = Document(carrierId, grams);
            await ins.ExecuteNonQueryAsync(ct);
        }
    }
}
