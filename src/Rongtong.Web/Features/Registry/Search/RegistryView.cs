using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Registry.Search;

/// <summary>
/// One carrier's registry as the enterprise list reads it, held in memory (docs/adr/0015-registry-view.md): the list
/// rows in list order (name, then id, by code point — the order of SQLite's BINARY and PostgreSQL's C.UTF-8 collation),
/// each row's search text and qualification kinds, and a posting list per name gram (<see cref="SearchGrams"/>) of the
/// rows that hold it, in list order. It answers exactly what <see cref="SearchEnterprises"/>' SQL answers — the same
/// matches, in the same order, counted to the same cap — without a query. Immutable once built: when the carrier's
/// <see cref="Carrier.RegistryVersion"/> moves, <see cref="RegistryViews"/> makes a new one, patched from this one
/// (<see cref="PatchAsync"/>) or built whole (<see cref="LoadAsync"/>).
/// </summary>
public sealed class RegistryView
{
    private readonly EnterpriseRow[] rows;
    private readonly string[] searchText;
    /// <summary>Bit k set: the enterprise has held a qualification of kind k.</summary>
    private readonly byte[] qualifications;
    /// <summary>Gram key (<see cref="SearchGrams.Key"/>) → the rows whose name holds the gram, ascending.</summary>
    private readonly Dictionary<int, int[]> postings;
    private readonly Dictionary<string, int> byCode;

    /// <summary>The carrier's <see cref="Carrier.RegistryVersion"/> read before the rows were.</summary>
    public long Version { get; }

    public int Count => rows.Length;

    /// <summary>Made from the previous view with every changed row kept in its place (tests).</summary>
    internal bool PatchedInPlace { get; private init; }

    private RegistryView(long version, EnterpriseRow[] rows, string[] searchText, byte[] qualifications, Dictionary<int, int[]> postings,
        Dictionary<string, int>? byCode = null)
    {
        Version = version;
        this.rows = rows;
        this.searchText = searchText;
        this.qualifications = qualifications;
        this.postings = postings;
        if (byCode is null)
        {
            byCode = new Dictionary<string, int>(rows.Length, StringComparer.Ordinal);
            for (var i = 0; i < rows.Length; i++) byCode[rows[i].CreditCode] = i;
        }
        this.byCode = byCode;
    }

    /// <summary>A loaded enterprise before it is placed in list order.</summary>
    public sealed record Source(EnterpriseRow Row, string SearchText);

    /// <summary>Reads the carrier's enterprises and qualifications (on the connection the caller opened) as of <paramref name="version"/> or later.</summary>
    public static async Task<RegistryView> LoadAsync(RongtongDb db, int carrierId, long version, CancellationToken ct)
    {
        var (sources, kinds) = await ReadAsync(db, carrierId, null, ct);
        return Build(version, sources, kinds);
    }

    /// <summary>
    /// This view with the enterprises <paramref name="changed"/> since it was built read again (those gone from the
    /// carrier are dropped), at <paramref name="version"/>: what <see cref="LoadAsync"/> would build, for a fraction of it.
    /// </summary>
    public async Task<RegistryView> PatchAsync(RongtongDb db, int carrierId, long version, IReadOnlyCollection<int> changed, CancellationToken ct)
    {
        var (fresh, kinds) = await ReadAsync(db, carrierId, changed, ct);
        return Patched(version, changed, fresh, kinds);
    }

    /// <summary>The carrier's enterprises (only <paramref name="ids"/>, when given) and the qualification kinds each has held.</summary>
    private static async Task<(List<Source> Sources, Dictionary<int, byte> Kinds)> ReadAsync(RongtongDb db, int carrierId, IReadOnlyCollection<int>? ids,
        CancellationToken ct)
    {
        // in list order from the (CarrierId, Name) index, so that usually nothing is left to sort; a plain reader, as
        // EF's materialisation was half of a view's build (100,000 enterprises: ~320 ms of ~600)
        var only = ids is null ? "" : $""" AND "Id" IN ({string.Join(",", ids.DefaultIfEmpty(0))})""";
        var sources = new List<Source>();
        await using (var cmd = db.Command($"""
                SELECT "Id", "CreditCode", "Name", "IndustryCode", "InZone", "ChainRole", "Incubation", "SizeClass", "SizeYear", "IsDemo", "SearchText"
                FROM "Enterprises" WHERE "CarrierId" = @carrier{only} ORDER BY "Name", "Id"
                """, ("@carrier", carrierId)))
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                sources.Add(new Source(new EnterpriseRow(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), (ChainRole)r.GetInt32(5),
                    (IncubationStatus)r.GetInt32(6), r.IsDBNull(7) ? null : (SizeClass)r.GetInt32(7), r.IsDBNull(8) ? null : r.GetInt32(8), r.GetBoolean(9)),
                    r.GetString(10)));
        }
        var qualifications = db.Qualifications.AsNoTracking().Where(q => db.Enterprises.Any(e => e.Id == q.EnterpriseId && e.CarrierId == carrierId));
        if (ids is not null) qualifications = qualifications.Where(q => ids.Contains(q.EnterpriseId));
        var kinds = new Dictionary<int, byte>();
        foreach (var q in await qualifications.Select(q => new { q.EnterpriseId, q.Kind }).Distinct().ToListAsync(ct))
            kinds[q.EnterpriseId] = (byte)(kinds.GetValueOrDefault(q.EnterpriseId) | Bit(q.Kind));
        return (sources, kinds);
    }

    /// <summary>A posting list while it is built: rows appended in ascending order, each once.</summary>
    private sealed class Posting
    {
        public int[] Rows = new int[4];
        public int Count;

        public void Add(int row)
        {
            if (Count > 0 && Rows[Count - 1] == row) return;
            if (Count == Rows.Length) Array.Resize(ref Rows, Count * 2);
            Rows[Count++] = row;
        }

        public static void Add(Dictionary<int, Posting> lists, int key, int row)
        {
            ref var p = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(lists, key, out _);
            (p ??= new Posting()).Add(row);
        }
    }

    public static RegistryView Build(long version, List<Source> sources, IReadOnlyDictionary<int, byte> kinds)
    {
        // a database whose collation is a language's (not C or BINARY) orders names otherwise: only then sorted here
        var sorted = true;
        for (var i = 1; i < sources.Count && sorted; i++) sorted = ListOrder(sources[i - 1].Row, sources[i].Row) < 0;
        if (!sorted) sources.Sort(static (a, b) => ListOrder(a.Row, b.Row));
        var n = sources.Count;
        var rows = new EnterpriseRow[n];
        var text = new string[n];
        var quals = new byte[n];
        var building = new Dictionary<int, Posting>();
        var keys = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var s = sources[i];
            (rows[i], text[i], quals[i]) = (s.Row, s.SearchText, kinds.GetValueOrDefault(s.Row.Id));
            SearchGrams.Keys(s.Row.Name, keys);
            foreach (var key in keys) Posting.Add(building, key, i);
        }
        var postings = new Dictionary<int, int[]>(building.Count);
        foreach (var (key, p) in building) postings[key] = p.Rows.AsSpan(0, p.Count).ToArray();
        return new RegistryView(version, rows, text, quals, postings);
    }

    /// <summary><see cref="PatchAsync"/> once the changed enterprises are read: <paramref name="fresh"/> replaces every row of <paramref name="changed"/>.</summary>
    public RegistryView Patched(long version, IReadOnlyCollection<int> changed, List<Source> fresh, IReadOnlyDictionary<int, byte> kinds)
    {
        if (fresh.Count == changed.Count && InPlace(version, fresh, kinds) is { } quick) return quick;
        var gone = changed.ToHashSet();
        fresh.Sort(static (a, b) => ListOrder(a.Row, b.Row));
        var n = rows.Count(r => !gone.Contains(r.Id)) + fresh.Count;
        var (newRows, newText, newQuals) = (new EnterpriseRow[n], new string[n], new byte[n]);
        // old row → its new place (-1: gone); the fresh rows merged in list order
        var moved = new int[rows.Length];
        var added = new Dictionary<int, Posting>();
        var keys = new List<int>();
        int i = 0, j = 0, k = 0;
        while (i < rows.Length || j < fresh.Count)
        {
            if (i < rows.Length && gone.Contains(rows[i].Id)) moved[i++] = -1;
            else if (j < fresh.Count && (i == rows.Length || ListOrder(fresh[j].Row, rows[i]) < 0))
            {
                var s = fresh[j++];
                (newRows[k], newText[k], newQuals[k]) = (s.Row, s.SearchText, kinds.GetValueOrDefault(s.Row.Id));
                SearchGrams.Keys(s.Row.Name, keys);
                foreach (var key in keys) Posting.Add(added, key, k);
                k++;
            }
            else
            {
                (newRows[k], newText[k], newQuals[k]) = (rows[i], searchText[i], qualifications[i]);
                moved[i++] = k++;
            }
        }
        // every list keeps its order under the move (the kept rows keep theirs), and the fresh rows are merged in
        var lists = new Dictionary<int, int[]>(postings.Count + added.Count);
        foreach (var (key, old) in postings)
        {
            added.Remove(key, out var add);
            var merged = new List<int>(old.Length + (add?.Count ?? 0));
            var a = 0;
            foreach (var r in old)
            {
                if (moved[r] < 0) continue;
                while (add is not null && a < add.Count && add.Rows[a] < moved[r]) merged.Add(add.Rows[a++]);
                merged.Add(moved[r]);
            }
            while (add is not null && a < add.Count) merged.Add(add.Rows[a++]);
            if (merged.Count > 0) lists[key] = merged.ToArray();
        }
        foreach (var (key, add) in added) lists[key] = add.Rows.AsSpan(0, add.Count).ToArray();
        return new RegistryView(version, newRows, newText, newQuals, lists);
    }

    /// <summary>
    /// The patch when every changed enterprise is still here, with its code, and stays in its place in list order (its
    /// figures, role or qualifications changed, or its name without moving it — the usual edit): the arrays copied with
    /// those rows replaced, the gram lists of the other grams shared with this view. Null when a row moves.
    /// </summary>
    private RegistryView? InPlace(long version, List<Source> fresh, IReadOnlyDictionary<int, byte> kinds)
    {
        var at = new int[fresh.Count];
        for (var t = 0; t < fresh.Count; t++)
            if (!byCode.TryGetValue(fresh[t].Row.CreditCode, out at[t]) || rows[at[t]].Id != fresh[t].Row.Id) return null;
        var (newRows, newText, newQuals) = ((EnterpriseRow[])rows.Clone(), (string[])searchText.Clone(), (byte[])qualifications.Clone());
        for (var t = 0; t < fresh.Count; t++)
            (newRows[at[t]], newText[at[t]], newQuals[at[t]]) = (fresh[t].Row, fresh[t].SearchText, kinds.GetValueOrDefault(fresh[t].Row.Id));
        foreach (var p in at)
            if ((p > 0 && ListOrder(newRows[p - 1], newRows[p]) >= 0) || (p + 1 < newRows.Length && ListOrder(newRows[p], newRows[p + 1]) >= 0)) return null;
        var lists = new Dictionary<int, int[]>(postings);
        var (before, after) = (new List<int>(), new List<int>());
        foreach (var p in at)
        {
            if (rows[p].Name == newRows[p].Name) continue;
            SearchGrams.Keys(rows[p].Name, before);
            SearchGrams.Keys(newRows[p].Name, after);
            foreach (var key in before.Except(after))
            {
                var list = lists[key];
                var i = Array.BinarySearch(list, p);
                if (list.Length == 1) lists.Remove(key);
                else lists[key] = [.. list.AsSpan(0, i), .. list.AsSpan(i + 1)];
            }
            foreach (var key in after.Except(before))
            {
                var list = lists.GetValueOrDefault(key) ?? [];
                var i = ~Array.BinarySearch(list, p);
                lists[key] = [.. list.AsSpan(0, i), p, .. list.AsSpan(i)];
            }
        }
        return new RegistryView(version, newRows, newText, newQuals, lists, byCode) { PatchedInPlace = true };
    }

    public static byte Bit(QualificationKind kind) => (byte)(1 << (int)kind);

    /// <summary>Name, then id; names by code point (UTF-16 order differs only where a surrogate pair meets U+E000–U+FFFF).</summary>
    public static int ListOrder(EnterpriseRow a, EnterpriseRow b)
    {
        var c = CompareCodePoints(a.Name, b.Name);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }

    public static int CompareCodePoints(string a, string b)
    {
        var i = a.AsSpan().CommonPrefixLength(b);
        if (i == a.Length || i == b.Length) return a.Length.CompareTo(b.Length);
        return Fix(a[i]).CompareTo(Fix(b[i]));

        // surrogates (code points past U+FFFF) after every other UTF-16 unit
        static int Fix(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /// <summary>
    /// The matches of the filter in list order: counted up to <paramref name="limit"/> (further only as far as the page
    /// needs), and the rows from <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/>.
    /// </summary>
    public (List<EnterpriseRow> Rows, int Counted) Find(EnterpriseFilter f, SearchEnterprises.Query query, int skip, int take, int limit)
    {
        var test = new Test(f);
        var page = new List<EnterpriseRow>(Math.Min(take, 256));
        var counted = 0;
        var end = Math.Max(limit, skip + take);
        bool Visit(int r)
        {
            if (!test.Passes(rows[r], qualifications[r])) return true;
            if (counted >= skip && counted < skip + take) page.Add(rows[r]);
            return ++counted < end;
        }

        switch (query)
        {
            case SearchEnterprises.Query.All:
                for (var r = 0; r < rows.Length && Visit(r); r++) { }
                break;
            case SearchEnterprises.Query.Code { Whole: true } code:
                if (byCode.TryGetValue(code.Value, out var one)) Visit(one);
                break;
            case SearchEnterprises.Query.Code code:
                for (var r = 0; r < rows.Length; r++)
                    if (rows[r].CreditCode.StartsWith(code.Value, StringComparison.Ordinal) && !Visit(r)) break;
                break;
            case SearchEnterprises.Query.Name { Grams.Count: 0 } name:
                for (var r = 0; r < rows.Length; r++)
                    if (searchText[r].Contains(name.Term, StringComparison.Ordinal) && !Visit(r)) break;
                break;
            case SearchEnterprises.Query.Name name:
                var lists = new int[name.Grams.Count][];
                for (var g = 0; g < lists.Length; g++)
                    if (!postings.TryGetValue(SearchGrams.Key(name.Grams[g]), out lists[g]!)) return (page, 0);
                // driven by the rarest gram, the others looked up in their lists
                Array.Sort(lists, static (a, b) => a.Length.CompareTo(b.Length));
                foreach (var r in lists[0])
                {
                    var all = true;
                    for (var g = 1; g < lists.Length && all; g++) all = Array.BinarySearch(lists[g], r) >= 0;
                    if (all && (name.Exact || searchText[r].Contains(name.Term, StringComparison.Ordinal)) && !Visit(r)) break;
                }
                break;
        }
        return (page, counted);
    }

    /// <summary>The filter's conditions other than the query, as <see cref="SearchEnterprises"/> applies them in SQL.</summary>
    private readonly struct Test
    {
        private readonly HashSet<int>? divisions;
        private readonly string? prefix;
        private readonly EnterpriseFilter f;
        private readonly byte qualification;

        public Test(EnterpriseFilter f)
        {
            this.f = f;
            (var sectionDivisions, prefix) = SearchEnterprises.IndustryTest(f.Industry);
            divisions = sectionDivisions?.Select(d => SearchGrams.Key(d)).ToHashSet();
            qualification = f.Qualification is { } k ? Bit(k) : (byte)0;
        }

        public bool Passes(EnterpriseRow e, byte held) =>
            (divisions is null || (e.IndustryCode.Length >= 2 && divisions.Contains(SearchGrams.Key(e.IndustryCode.AsSpan(0, 2)))))
            && (prefix is null || e.IndustryCode.StartsWith(prefix, StringComparison.Ordinal))
            && (f.Size is null || e.SizeClass == f.Size)
            && (f.Status is null || e.Incubation == f.Status)
            && (f.Role is null || e.ChainRole == f.Role)
            && (f.InZone is null || e.InZone == f.InZone)
            && (held & qualification) == qualification;
    }
}
