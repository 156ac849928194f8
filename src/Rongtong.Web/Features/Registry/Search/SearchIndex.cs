using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Registry.Search;

/// <summary>
/// Keeps SQLite's FTS5 table "EnterpriseSearch" (rowid = enterprise id) equal to Enterprises.SearchGrams. PostgreSQL
/// needs nothing: its GIN index is an expression index on the column itself.
/// </summary>
public static class SearchIndex
{
    /// <summary>Enterprises whose grams an EF save is about to change (captured before the save).</summary>
    public static List<EntityEntry<Enterprise>> Pending(RongtongDb db) =>
        db.IsPostgres ? [] : db.ChangeTracker.Entries<Enterprise>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted
                        || (e.State == EntityState.Modified && e.Property(x => x.SearchGrams).IsModified))
            .ToList();

    /// <summary>After the save, in the same transaction: re-index the captured enterprises.</summary>
    public static async Task ApplyAsync(RongtongDb db, List<EntityEntry<Enterprise>> pending, List<int> deleted, CancellationToken ct)
    {
        if (pending.Count == 0 && deleted.Count == 0) return;
        var conn = db.Database.GetDbConnection();
        var tx = db.Database.CurrentTransaction?.GetDbTransaction();
        await UpsertAsync(conn, tx, pending.Where(e => e.State != EntityState.Detached).Select(e => (e.Entity.Id, e.Entity.SearchGrams)), deleted, ct);
    }

    /// <summary>Replaces the index rows of the given enterprises and removes the deleted ones (also used by bulk import).</summary>
    public static async Task UpsertAsync(DbConnection conn, DbTransaction? tx, IEnumerable<(int Id, string Grams)> rows, IEnumerable<int> deleted, CancellationToken ct)
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
        foreach (var (id, grams) in rows)
        {
            delId.Value = id;
            await del.ExecuteNonQueryAsync(ct);
            insId.Value = id;
            insG.Value = grams;
            await ins.ExecuteNonQueryAsync(ct);
        }
    }
}
