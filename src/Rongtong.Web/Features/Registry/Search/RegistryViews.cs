using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Registry.Search;

/// <summary>
/// The web node's in-memory views of carriers' registries (docs/adr/0015-registry-view.md), one per database and
/// carrier. Each request reads the carrier's <see cref="Carrier.RegistryVersion"/> (one primary-key lookup) and gets the
/// view built at that version. When the version has moved, the request is answered in SQL and one background build
/// brings the view up to date — a patch with only the enterprises logged as changed since (<see cref="RegistryChange"/>),
/// or the whole view when the log cannot say — so that nobody waits for a build and no change already committed is
/// missing from a list: a view is used only at the version the request read. A registry that changes faster than its
/// view can be brought up to date is searched in SQL until it settles: a build starts once the version has stood still
/// for twice what the last one of its kind (patch or whole) took. Views are kept up to <see cref="BudgetRows"/> enterprises in
/// all; the least recently used go first, and a carrier larger than the budget is searched in SQL. Derived state only:
/// a node that drops it rebuilds it from the database.
/// </summary>
/// <param name="newContext">A context of the same database for the background builds (disposed after each).</param>
/// <param name="time">The clock of the builds' timing (tests).</param>
public sealed class RegistryViews(long budgetRows, Func<RongtongDb> newContext, ILogger<RegistryViews>? log = null, TimeProvider? time = null)
{
    private readonly TimeProvider time = time ?? TimeProvider.System;

    /// <summary><c>Registry:SearchViewRows</c>: a view holds ~450 bytes an enterprise (measured), so 500,000 ≈ 230 MB.</summary>
    public const long DefaultBudgetRows = 500_000;

    public long BudgetRows { get; } = budgetRows;

    private sealed class Slot
    {
        public volatile RegistryView? View;
        /// <summary>The background build, while one runs (guarded by the slot's lock).</summary>
        public Task? Building;
        /// <summary>The version at which the carrier was found larger than the whole budget (-1: never): not tried again before it moves.</summary>
        public long Refused = -1;
        public long LastUsed;
        /// <summary>The newest version requests found and when (timestamps of <see cref="time"/>); how long the last whole build and the last patch took.</summary>
        public long SeenVersion = -1, SeenAt;
        public TimeSpan LastBuild, LastPatch;
    }

    private readonly ConcurrentDictionary<(string Database, int Carrier), Slot> slots = new();
    private readonly Lock accounting = new();
    private long cachedRows;

    /// <summary>
    /// The carrier's view at its current version (read on the connection the caller opened), or null: when the view is
    /// missing or behind, a background build is started and the caller answers in SQL; with <paramref name="wait"/> the
    /// caller waits for that build instead (tests, benchmarks). Null also when the carrier does not fit the budget.
    /// </summary>
    public async Task<RegistryView?> CurrentAsync(RongtongDb db, int carrierId, CancellationToken ct, bool wait = false)
    {
        if (BudgetRows <= 0) return null;
        var version = await VersionAsync(db, carrierId, ct);
        var slot = slots.GetOrAdd((db.Database.GetConnectionString() ?? "", carrierId), static _ => new Slot());
        Volatile.Write(ref slot.LastUsed, Environment.TickCount64);
        if (slot.View is { } current && current.Version == version) return current;
        if (Volatile.Read(ref slot.Refused) == version) return null;
        Task? building;
        bool behind;
        lock (slot)
        {
            behind = slot.View is not null;
            var now = time.GetTimestamp();
            if (version != slot.SeenVersion) (slot.SeenVersion, slot.SeenAt) = (version, now);
            // what the build is likely to cost: a patch when there is a view to patch; a cheap one starts at once
            var cost = slot.View is null ? slot.LastBuild : slot.LastPatch;
            if (slot.Building is null && (wait || cost <= MaxWait || time.GetElapsedTime(slot.SeenAt, now) >= 2 * cost)) Start(slot, carrierId);
            building = slot.Building;
        }
        if (wait)
        {
            // a build that began before this request read the version may be behind it: then one more
            for (var attempt = 0; attempt < 2 && building is not null; attempt++)
            {
                await building.WaitAsync(ct);
                if (slot.View is { } built && built.Version >= version) return built;
                if (Volatile.Read(ref slot.Refused) >= version) return null;
                lock (slot) building = slot.Building ?? Start(slot, carrierId);
            }
            return null;
        }
        // a patch is usually done in a few ms: better to wait a little for it than to answer in SQL (a first build is not)
        if (building is not null && behind && await Task.WhenAny(building, Task.Delay(MaxWait, ct)) == building
            && slot.View is { } caught && caught.Version >= version)
            return caught;
        return null;
    }

    /// <summary>How long a request waits for its view to be patched before it is answered in SQL.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(50);

    /// <summary>Builds started, and how many of them patched a view rather than building it whole (tests).</summary>
    internal int BuildsStarted, Patches;

    /// <summary>Starts the slot's background build (under the slot's lock).</summary>
    private Task Start(Slot slot, int carrierId)
    {
        Interlocked.Increment(ref BuildsStarted);
        return slot.Building = Task.Run(() => BuildAsync(slot, carrierId));
    }

    private async Task BuildAsync(Slot slot, int carrierId)
    {
        var start = time.GetTimestamp();
        bool? patched = null;
        try
        {
            await using var db = newContext();
            await db.Database.OpenConnectionAsync();
            var version = await VersionAsync(db, carrierId, default);
            var current = slot.View;
            if (current?.Version == version) return;
            // behind by a few logged changes: only those enterprises are read again
            var changed = current is not null && current.Version < version ? await ChangedSinceAsync(db, carrierId, current.Version, version, default) : null;
            RegistryView view;
            if (changed is not null) view = await current!.PatchAsync(db, carrierId, version, changed, default);
            else if (await db.Enterprises.Where(e => e.CarrierId == carrierId).Select(e => e.Id).Take((int)Math.Min(BudgetRows + 1, int.MaxValue)).CountAsync() > BudgetRows)
            {
                Volatile.Write(ref slot.Refused, version);
                return;
            }
            else view = await RegistryView.LoadAsync(db, carrierId, version, default);
            patched = changed is not null;
            if (changed is not null) Interlocked.Increment(ref Patches);
            Admit(slot, view);
            // a whole build is worth a line; the patch after every change is not
            log?.Log(changed is null ? LogLevel.Information : LogLevel.Debug, "Registry view of carrier {CarrierId} {How} at version {Version}: {Count} enterprises in {Millis} ms",
                carrierId, changed is null ? "built" : $"patched ({changed.Count} changed)", version, view.Count, (long)time.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (Exception ex)
        {
            // the requests go on in SQL; the next one tries again
            log?.LogError(ex, "Building the registry view of carrier {CarrierId} failed", carrierId);
        }
        finally
        {
            lock (slot)
            {
                slot.Building = null;
                if (patched == true) slot.LastPatch = time.GetElapsedTime(start);
                else if (patched == false) slot.LastBuild = time.GetElapsedTime(start);
            }
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
        await using var cmd = db.Command("""SELECT "RegistryVersion" FROM "Carriers" WHERE "Id" = @id""", ("@id", carrierId));
        return await cmd.ExecuteScalarAsync(ct) is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>How many versions of a carrier keep their <see cref="RegistryChange"/> rows (a view further behind is built again).</summary>
    public const int KeptVersions = 1_000;

    /// <summary>Past this many enterprises in one change, a view is built again rather than patched (and they are not logged one by one).</summary>
    public const int MaxLogged = 1_000;

    /// <summary>
    /// Raises the carriers' registry versions and logs which enterprises changed, in the caller's transaction: every
    /// writer of enterprises or their qualifications calls it before committing (EF saves through
    /// <see cref="RongtongDb"/>, bulk imports themselves). Null ids: too many to name, views are built again.
    /// </summary>
    public static async Task BumpAsync(RongtongDb db, IReadOnlyDictionary<int, HashSet<int>?> changes, CancellationToken ct)
    {
        // in id order, so that two transactions bumping the same carriers cannot deadlock
        foreach (var (carrierId, ids) in changes.OrderBy(c => c.Key))
        {
            await using var bump = db.Command("""UPDATE "Carriers" SET "RegistryVersion" = "RegistryVersion" + 1 WHERE "Id" = @id RETURNING "RegistryVersion" """, ("@id", carrierId));
            var version = Convert.ToInt64(await bump.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            var logged = ids is null || ids.Count > MaxLogged ? [0] : ids.Where(id => id > 0).Order().ToList();
            foreach (var chunk in logged.Chunk(500))
            {
                // numbers only: the ids, the carrier's and the version
                var insert = $"""INSERT INTO "RegistryChanges" ("CarrierId", "Version", "EnterpriseId") VALUES {string.Join(", ", chunk.Select(id => $"({carrierId}, {version}, {id})"))}""";
                await db.Database.ExecuteSqlRawAsync(insert, ct);
            }
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "RegistryChanges" WHERE "CarrierId" = {carrierId} AND "Version" <= {version - KeptVersions}""", ct);
        }
    }

    /// <summary>
    /// The enterprises changed after version <paramref name="from"/> up to <paramref name="to"/>, or null when the log
    /// cannot say (a change too large to name, or versions no longer kept).
    /// </summary>
    private static async Task<HashSet<int>?> ChangedSinceAsync(RongtongDb db, int carrierId, long from, long to, CancellationToken ct)
    {
        if (to - from > KeptVersions) return null;
        var rows = await db.RegistryChanges.AsNoTracking().Where(c => c.CarrierId == carrierId && c.Version > from && c.Version <= to)
            .Select(c => new { c.Version, c.EnterpriseId }).ToListAsync(ct);
        if (rows.Any(r => r.EnterpriseId == 0) || rows.Select(r => r.Version).Distinct().Count() != to - from) return null;
        var ids = rows.Select(r => r.EnterpriseId).ToHashSet();
        return ids.Count > MaxLogged ? null : ids;
    }

    /// <summary>What a list row and its filters read from an enterprise: a change to anything else leaves the views as they are.</summary>
    private static readonly HashSet<string> Shown =
    [
        nameof(Enterprise.CarrierId), nameof(Enterprise.CreditCode), nameof(Enterprise.Name), nameof(Enterprise.IndustryCode), nameof(Enterprise.InZone),
        nameof(Enterprise.ChainRole), nameof(Enterprise.Incubation), nameof(Enterprise.SizeClass), nameof(Enterprise.SizeYear), nameof(Enterprise.IsDemo),
        nameof(Enterprise.SearchText), nameof(Enterprise.SearchGrams),
    ];

    /// <summary>The enterprises, by carrier, whose list rows a pending EF save changes: found before the save, their ids read after it.</summary>
    public sealed class ChangeSet
    {
        private readonly List<(int Carrier, Func<int> Id)> items = [];

        public bool IsEmpty => items.Count == 0;

        internal void Add(int carrierId, Func<int> id)
        {
            if (carrierId > 0) items.Add((carrierId, id));
        }

        /// <summary>After the save (new enterprises have their ids): carrier → its changed enterprises.</summary>
        public Dictionary<int, HashSet<int>?> Resolve()
        {
            var byCarrier = new Dictionary<int, HashSet<int>?>();
            foreach (var (carrierId, id) in items)
            {
                if (!byCarrier.TryGetValue(carrierId, out var ids)) byCarrier[carrierId] = ids = [];
                ids!.Add(id());
            }
            return byCarrier;
        }
    }

    /// <summary>What a pending EF save changes in the carriers' views (read before the save, while the entries say what changes).</summary>
    public static async Task<ChangeSet> ChangesAsync(RongtongDb db, CancellationToken ct)
    {
        var set = new ChangeSet();
        var tracked = new Dictionary<int, int>();
        foreach (var e in db.ChangeTracker.Entries<Enterprise>())
        {
            if (e.State != EntityState.Added) tracked[e.Entity.Id] = e.Property(x => x.CarrierId).OriginalValue;
            if (e.State is EntityState.Added or EntityState.Deleted
                || (e.State == EntityState.Modified && e.Properties.Any(p => p.IsModified && Shown.Contains(p.Metadata.Name))))
            {
                var entity = e.Entity;
                set.Add(entity.CarrierId, () => entity.Id);
                if (e.Property(x => x.CarrierId).OriginalValue is var was && was != entity.CarrierId) set.Add(was, () => entity.Id);
            }
        }
        // a qualification changes its enterprise's row (the filter by qualification); one of a new enterprise comes with it
        var owners = new List<(int Owner, Func<int> Id)>();
        foreach (var q in db.ChangeTracker.Entries<Qualification>())
            if (q.State is EntityState.Added or EntityState.Deleted
                || (q.State == EntityState.Modified && (q.Property(x => x.Kind).IsModified || q.Property(x => x.EnterpriseId).IsModified)))
            {
                var entity = q.Entity;
                if (entity.EnterpriseId > 0) owners.Add((entity.EnterpriseId, () => entity.EnterpriseId));
                if (q.Property(x => x.EnterpriseId).OriginalValue is var was && was > 0 && was != entity.EnterpriseId) owners.Add((was, () => was));
            }
        var untracked = owners.Select(o => o.Owner).Where(id => !tracked.ContainsKey(id)).Distinct().ToList();
        if (untracked.Count > 0)
            foreach (var e in await db.Enterprises.AsNoTracking().Where(e => untracked.Contains(e.Id)).Select(e => new { e.Id, e.CarrierId }).ToListAsync(ct))
                tracked[e.Id] = e.CarrierId;
        foreach (var (owner, id) in owners)
            if (tracked.TryGetValue(owner, out var carrierId)) set.Add(carrierId, id);
        return set;
    }
}
