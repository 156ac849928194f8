using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Registry.Search;

/// <summary>
/// The web node's in-memory views of carriers' registries (docs/adr/0015-registry-view.md), one per database and
/// carrier. Each request reads the carrier's <see cref="Carrier.RegistryVersion"/> (one primary-key lookup) and gets the
/// view built at that version, building it when the version moved: a committed change is in the next list any node
/// shows. Views are kept up to <see cref="BudgetRows"/> enterprises in all; the least recently used go first, and a
/// carrier larger than the budget is searched in SQL. Derived state only: a node that drops it rebuilds it from the database.
/// </summary>
public sealed class RegistryViews(long budgetRows)
{
    /// <summary><c>Registry:SearchViewRows</c>: a view holds ~450 bytes an enterprise (measured), so 500,000 ≈ 230 MB.</summary>
    public const long DefaultBudgetRows = 500_000;

    public long BudgetRows { get; } = budgetRows;

    private sealed class Slot
    {
        public volatile RegistryView? View;
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long LastUsed;
    }

    private readonly ConcurrentDictionary<(string Database, int Carrier), Slot> slots = new();
    private readonly Lock accounting = new();
    private long cachedRows;

    /// <summary>
    /// The carrier's view as of its current version, or null when it does not fit the budget. Runs on the connection
    /// the caller opened.
    /// </summary>
    public async Task<RegistryView?> CurrentAsync(RongtongDb db, int carrierId, CancellationToken ct)
    {
        if (BudgetRows <= 0) return null;
        var version = await VersionAsync(db, carrierId, ct);
        var slot = slots.GetOrAdd((db.Database.GetConnectionString() ?? "", carrierId), static _ => new Slot());
        Volatile.Write(ref slot.LastUsed, Environment.TickCount64);
        if (slot.View is { } current && current.Version == version) return current;
        await slot.Gate.WaitAsync(ct);
        try
        {
            // read again: another request may have built it meanwhile, or the registry moved on again
            version = await VersionAsync(db, carrierId, ct);
            if (slot.View is { } built && built.Version == version) return built;
            if (await db.Enterprises.Where(e => e.CarrierId == carrierId).Select(e => e.Id).Take((int)Math.Min(BudgetRows + 1, int.MaxValue)).CountAsync(ct) > BudgetRows)
                return null;
            var view = await RegistryView.LoadAsync(db, carrierId, version, ct);
            Admit(slot, view);
            return view;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Holds <paramref name="view"/> in its slot, dropping the least recently used other views past the budget.</summary>
    private void Admit(Slot slot, RegistryView view)
    {
        lock (accounting)
        {
            cachedRows += view.Count - (slot.View?.Count ?? 0);
            slot.View = view;
            while (cachedRows > BudgetRows)
            {
                var oldest = slots.Values.Where(s => s != slot && s.View is not null).MinBy(s => Volatile.Read(ref s.LastUsed));
                if (oldest is null) break;
                cachedRows -= oldest.View!.Count;
                oldest.View = null;
            }
        }
    }

    private static async Task<long> VersionAsync(RongtongDb db, int carrierId, CancellationToken ct)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = """SELECT "RegistryVersion" FROM "Carriers" WHERE "Id" = @id""";
        Add(cmd, "@id", carrierId);
        return await cmd.ExecuteScalarAsync(ct) is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>
    /// Raises the carriers' registry versions, in the caller's transaction: every writer of enterprises or their
    /// qualifications calls it before committing (EF saves through <see cref="RongtongDb"/>, bulk imports themselves).
    /// </summary>
    public static async Task BumpAsync(RongtongDb db, IReadOnlyCollection<int> carrierIds, CancellationToken ct)
    {
        // in id order, so that two transactions bumping the same carriers cannot deadlock
        foreach (var id in carrierIds.Distinct().Order())
            await db.Database.ExecuteSqlAsync($"""UPDATE "Carriers" SET "RegistryVersion" = "RegistryVersion" + 1 WHERE "Id" = {id}""", ct);
    }

    /// <summary>What a list row and its filters read from an enterprise: a change to anything else leaves the views as they are.</summary>
    private static readonly HashSet<string> Shown =
    [
        nameof(Enterprise.CarrierId), nameof(Enterprise.CreditCode), nameof(Enterprise.Name), nameof(Enterprise.IndustryCode), nameof(Enterprise.InZone),
        nameof(Enterprise.ChainRole), nameof(Enterprise.Incubation), nameof(Enterprise.SizeClass), nameof(Enterprise.SizeYear), nameof(Enterprise.IsDemo),
        nameof(Enterprise.SearchText), nameof(Enterprise.SearchGrams),
    ];

    /// <summary>The carriers whose views a pending EF save changes (read before the save, while the entries say what changes).</summary>
    public static async Task<List<int>> ChangedCarriersAsync(RongtongDb db, CancellationToken ct)
    {
        var carriers = new HashSet<int>();
        var tracked = new Dictionary<int, int>();
        foreach (var e in db.ChangeTracker.Entries<Enterprise>())
        {
            tracked[e.Entity.Id] = e.Entity.CarrierId;
            if (e.State is EntityState.Added or EntityState.Deleted
                || (e.State == EntityState.Modified && e.Properties.Any(p => p.IsModified && Shown.Contains(p.Metadata.Name))))
            {
                carriers.Add(e.Entity.CarrierId);
                carriers.Add(e.Property(x => x.CarrierId).OriginalValue);
            }
        }
        var owners = new HashSet<int>();
        foreach (var q in db.ChangeTracker.Entries<Qualification>())
            if (q.State is EntityState.Added or EntityState.Deleted
                || (q.State == EntityState.Modified && (q.Property(x => x.Kind).IsModified || q.Property(x => x.EnterpriseId).IsModified)))
            {
                owners.Add(q.Entity.EnterpriseId);
                owners.Add(q.Property(x => x.EnterpriseId).OriginalValue);
            }
        foreach (var id in owners.Where(tracked.ContainsKey)) carriers.Add(tracked[id]);
        var untracked = owners.Where(id => id > 0 && !tracked.ContainsKey(id)).ToList();
        if (untracked.Count > 0)
            carriers.UnionWith(await db.Enterprises.AsNoTracking().Where(e => untracked.Contains(e.Id)).Select(e => e.CarrierId).Distinct().ToListAsync(ct));
        carriers.Remove(0);
        return carriers.ToList();
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
