using Microsoft.EntityFrameworkCore;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Features.Registry.Search;
using Rongtong.Web.Platform.Data;
using static Rongtong.Tests.Registry.Import.ImportFixture;

namespace Rongtong.Tests.Registry;

/// <summary>
/// The in-memory registry view answers every list and search exactly as SQL does, and is never behind a committed
/// change (docs/adr/0015-registry-view.md).
/// </summary>
public sealed class RegistryViewTests
{
    private static string Code(int i) => CreditCode.Complete($"91430400MD{i:000000}X"[..17]);

    private static readonly string[] Prefixes = ["衡阳", "湖南", "华菱", "阿", "Ｂ", "b", "𠀀", "（株）", "衡", "", "\uFF5E"];
    private static readonly string[] Cores = ["钢管", "钢材管理", "管钢", "精密", "科技", "华菱钢管", "电力", "输变电", "钢 管", "B-1"];
    private static readonly string[] Suffixes = ["有限公司", "股份有限公司", "厂", ""];
    private static readonly string[] Industries = ["3130", "3311", "6513", "7243", "4411", "01", "3"];

    /// <summary>1,300 enterprises of carrier a (names that share grams, repeat, and mix full-width, astral and Latin letters) and 50 of carrier b.</summary>
    private static async Task<(int A, int B, List<Enterprise> Seeded)> SeedAsync(TestDatabase tdb)
    {
        var a = await CarrierAsync(tdb, "view-a");
        var b = await CarrierAsync(tdb, "view-b");
        var rnd = new Random(20261206);
        T Pick<T>(IReadOnlyList<T> xs) => xs[rnd.Next(xs.Count)];
        var seeded = new List<Enterprise>();
        await using var db = tdb.NewContext();
        for (var i = 0; i < 1350; i++)
        {
            var e = new Enterprise
            {
                CarrierId = i < 1300 ? a : b, CreditCode = Code(i), Name = Pick(Prefixes) + Pick(Cores) + Pick(Suffixes) + (rnd.Next(3) == 0 ? "" : i.ToString()),
                IndustryCode = Pick(Industries), InZone = rnd.Next(2) == 0, ChainRole = (ChainRole)rnd.Next(1, 6),
                Incubation = (IncubationStatus)rnd.Next(0, 4), SizeClass = rnd.Next(5) is var s && s == 0 ? null : (SizeClass)s, IsDemo = true,
            };
            e.RefreshSearch();
            foreach (var k in Enum.GetValues<QualificationKind>().Where(_ => rnd.Next(4) == 0))
                e.Qualifications.Add(new Qualification { Kind = k, IssuedOn = new DateOnly(2020, 1, 1) });
            seeded.Add(e);
        }
        db.Enterprises.AddRange(seeded);
        await db.SaveChangesAsync();
        return (a, b, seeded);
    }

    [Theory, Providers]
    public async Task The_view_answers_every_search_as_SQL_does_also_once_patched_or_rebuilt(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var (a, b, seeded) = await SeedAsync(tdb);
        var views = new RegistryViews(1_000_000, () => tdb.NewContext());
        var rnd = new Random(7);
        async Task<RegistryView> WarmAsync()
        {
            await using var warm = tdb.NewContext();
            await warm.Database.OpenConnectionAsync();
            Assert.NotNull(await views.CurrentAsync(warm, b, default, wait: true));
            return (await views.CurrentAsync(warm, a, default, wait: true))!;
        }

        await CompareAsync(tdb, views, a, b, seeded, rnd, await WarmAsync());
        Assert.Equal(0, views.Patches);

        // changes that move no row (reclassified, qualified, the last name renamed): patched in place
        await using (var db = tdb.NewContext())
        {
            var all = await db.Enterprises.Include(e => e.Qualifications).Where(e => e.CarrierId == a).OrderBy(e => e.Name).ThenBy(e => e.Id).ToListAsync();
            foreach (var e in all.Where(_ => rnd.Next(50) == 0)) (e.SizeClass, e.ChainRole, e.InZone) = (SizeClass.Large, ChainRole.Downstream, !e.InZone);
            foreach (var e in all.Where(_ => rnd.Next(50) == 0)) e.Qualifications.Add(new Qualification { Kind = QualificationKind.HighTech, IssuedOn = new DateOnly(2024, 1, 1) });
            // the last of the list (a name beginning with 𠀀, past every other character) renamed to one that stays last
            all[^1].Name = "𠀀𠀀钢管分公司";
            all[^1].RefreshSearch();
            await db.SaveChangesAsync();
        }
        var inPlace = await WarmAsync();
        Assert.True(inPlace.PatchedInPlace);
        await CompareAsync(tdb, views, a, b, seeded, rnd, inPlace);
        Assert.Equal(1, views.Patches);

        // two saves of a few changes each: renamed, reclassified, qualified and disqualified, new and removed enterprises
        await using (var db = tdb.NewContext())
        {
            var all = await db.Enterprises.Include(e => e.Qualifications).Where(e => e.CarrierId == a).OrderBy(e => e.Id).ToListAsync();
            T Pick<T>(IReadOnlyList<T> xs) => xs[rnd.Next(xs.Count)];
            foreach (var e in all.Where(_ => rnd.Next(40) == 0))
            {
                e.Name = Pick(Prefixes) + Pick(Cores) + "改" + e.Id;
                e.RefreshSearch();
            }
            foreach (var e in all.Where(_ => rnd.Next(60) == 0)) (e.IndustryCode, e.SizeClass, e.ChainRole) = (Pick(Industries), SizeClass.Medium, ChainRole.Leading);
            for (var i = 0; i < 20; i++)
            {
                var e = new Enterprise { CarrierId = a, CreditCode = Code(5000 + i), Name = Pick(Prefixes) + Pick(Cores) + "新" + i, IndustryCode = Pick(Industries), IsDemo = true };
                e.RefreshSearch();
                db.Enterprises.Add(e);
            }
            await db.SaveChangesAsync();
            foreach (var e in all.Where(e => e.Qualifications.Count > 0 && rnd.Next(30) == 0)) db.Qualifications.RemoveRange(e.Qualifications);
            db.Enterprises.RemoveRange(all.Where(e => e.Qualifications.Count == 0).Take(5));
            foreach (var e in all.Where(_ => rnd.Next(60) == 0)) e.Qualifications.Add(new Qualification { Kind = QualificationKind.LittleGiant, IssuedOn = new DateOnly(2023, 1, 1) });
            await db.SaveChangesAsync();
        }
        var moved = await WarmAsync();
        Assert.False(moved.PatchedInPlace);
        await CompareAsync(tdb, views, a, b, seeded, rnd, moved);
        Assert.Equal(2, views.Patches);

        // a change of more enterprises than are logged one by one: the view is built again
        await using (var db = tdb.NewContext())
        {
            foreach (var e in await db.Enterprises.Where(e => e.CarrierId == a).Take(RegistryViews.MaxLogged + 1).ToListAsync())
                e.InZone = !e.InZone;
            await db.SaveChangesAsync();
        }
        var builds = views.BuildsStarted;
        await CompareAsync(tdb, views, a, b, seeded, rnd, await WarmAsync());
        Assert.Equal((2, builds + 1), (views.Patches, views.BuildsStarted));
    }

    /// <summary>400 random searches through SQL and through <paramref name="viewA"/> (asserted to be the one used) give the same pages.</summary>
    private static async Task CompareAsync(TestDatabase tdb, RegistryViews views, int a, int b, List<Enterprise> seeded, Random rnd, RegistryView viewA)
    {
        string?[] terms =
        [
            null, "", "钢管", "钢", "管", "钢材", "华菱钢管", "钢 管", "钢管 ", "有限", "阳", "衡阳钢", "B", "b", "Ｂ", "𠀀", "-", "（", "科技有限公司",
            "b-1", "～", "１", "改", "新", "分公司", "𠀀𠀀", seeded[17].CreditCode, seeded[17].CreditCode.ToLowerInvariant(), seeded[1320].CreditCode, "91430400MD0001",
            "914304", "91430400MD00012345", "不存在",
        ];
        string?[] industries = [null, "C", "I", "31", "C3130", "3", "x", "01"];
        var compared = 0;
        for (var i = 0; i < 400; i++)
        {
            var f = new EnterpriseFilter
            {
                Q = terms[rnd.Next(terms.Length)],
                Industry = rnd.Next(3) == 0 ? industries[rnd.Next(industries.Length)] : null,
                Size = rnd.Next(4) == 0 ? (SizeClass)rnd.Next(1, 5) : null,
                Status = rnd.Next(5) == 0 ? (IncubationStatus)rnd.Next(0, 4) : null,
                Role = rnd.Next(5) == 0 ? (ChainRole)rnd.Next(1, 6) : null,
                InZone = rnd.Next(5) == 0 ? rnd.Next(2) == 0 : null,
                Qualification = rnd.Next(4) == 0 ? (QualificationKind)rnd.Next(1, 7) : null,
                Page = rnd.Next(4) switch { 0 => 2, 1 => 3, 2 => 55, _ => 1 },
                PageSize = rnd.Next(3) == 0 ? 7 : 20,
            };
            var carrier = rnd.Next(10) == 0 ? b : a;
            await using var db = tdb.NewContext();
            var sql = await new SearchEnterprises(db, Scopes.Operator(carrier)).HandleAsync(f);
            var memory = await new SearchEnterprises(db, Scopes.Operator(carrier), views).HandleAsync(f);
            Assert.True(sql.Total == memory.Total && sql.TotalCapped == memory.TotalCapped && sql.Rows.SequenceEqual(memory.Rows),
                $"{f} (carrier {carrier}): SQL {sql.Total}{(sql.TotalCapped ? "+" : "")} [{string.Join(", ", sql.Rows.Select(r => r.Name))}], " +
                $"view {memory.Total}{(memory.TotalCapped ? "+" : "")} [{string.Join(", ", memory.Rows.Select(r => r.Name))}]");
            if (sql.Rows.Count > 0) compared++;
        }
        // the comparison means something: most filters found rows, and some passed the count's cap
        Assert.True(compared > 120, $"only {compared} searches found anything");
        await using var check = tdb.NewContext();
        Assert.True((await new SearchEnterprises(check, Scopes.Operator(a), views).HandleAsync(new EnterpriseFilter { Page = 60 })).TotalCapped);
        // and every search above was the view's: it is still the one warmed
        await check.Database.OpenConnectionAsync();
        Assert.Same(viewA, await views.CurrentAsync(check, a, default));
    }

    [Theory, Providers]
    public async Task A_committed_change_is_in_the_next_search_and_other_changes_keep_the_view(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var a = await CarrierAsync(tdb, "fresh-a");
        var b = await CarrierAsync(tdb, "fresh-b");
        var views = new RegistryViews(1_000_000, () => tdb.NewContext());
        async Task<RegistryView?> View(int carrier, bool wait = true)
        {
            await using var db = tdb.NewContext();
            await db.Database.OpenConnectionAsync();
            return await views.CurrentAsync(db, carrier, default, wait);
        }
        // a change leaves the view behind: the search right after it is answered in SQL (and right), while the view is
        // built again in the background; then the same search from the view
        async Task<EnterprisePage> Search(int carrier, EnterpriseFilter f)
        {
            await using var db = tdb.NewContext();
            var search = new SearchEnterprises(db, Scopes.Operator(carrier), views);
            var first = await search.HandleAsync(f);
            Assert.NotNull(await View(carrier));
            var again = await search.HandleAsync(f);
            Assert.Equal(first.Total, again.Total);
            Assert.Equal(first.Rows, again.Rows);
            return again;
        }

        Assert.Equal(0, (await Search(a, new EnterpriseFilter())).Total);
        Assert.True((await ImportAsync(tdb, a, "a.csv", Utf8(GoodCsv))).Ok);
        Assert.Equal(3, (await Search(a, new EnterpriseFilter())).Total);
        Assert.Equal(["衡阳测试钢管有限公司"], (await Search(a, new EnterpriseFilter { Q = "钢管" })).Rows.Select(r => r.Name));

        // renamed through EF by another context: the next search has the new name, not the old one
        await using (var db = tdb.NewContext())
        {
            var e = await db.Enterprises.SingleAsync(x => x.CreditCode == A);
            e.Name = "衡阳测试精密铸造有限公司";
            e.RefreshSearch();
            await db.SaveChangesAsync();
        }
        // the next request has the patched view (it waits up to 50 ms for the patch) or is answered in SQL, never the old view
        var next = await View(a, wait: false);
        Assert.True(next is null || next.Find(new EnterpriseFilter(), new SearchEnterprises.Query.Code(A, true), 0, 20, 1001).Rows.Single().Name == "衡阳测试精密铸造有限公司");
        Assert.Empty((await Search(a, new EnterpriseFilter { Q = "钢管" })).Rows);
        Assert.Equal([A], (await Search(a, new EnterpriseFilter { Q = "精密铸造" })).Rows.Select(r => r.CreditCode));

        // a qualification added to an enterprise the context does not track
        var withQualification = new EnterpriseFilter { Qualification = QualificationKind.LittleGiant };
        Assert.Empty((await Search(a, withQualification)).Rows);
        await using (var db = tdb.NewContext())
        {
            db.Qualifications.Add(new Qualification { EnterpriseId = await db.Enterprises.Where(x => x.CreditCode == B).Select(x => x.Id).SingleAsync(), Kind = QualificationKind.LittleGiant, IssuedOn = new DateOnly(2022, 3, 1) });
            await db.SaveChangesAsync();
        }
        Assert.Equal([B], (await Search(a, withQualification)).Rows.Select(r => r.CreditCode));

        // what the list does not show, and another carrier's import, leave the view as it is
        var before = await View(a);
        await using (var db = tdb.NewContext())
        {
            (await db.Enterprises.SingleAsync(x => x.CreditCode == C)).Address = "衡阳市华新开发区";
            await db.SaveChangesAsync();
        }
        Assert.True((await ImportAsync(tdb, b, "b.csv", Utf8(Lines(Header, $"{Code(1)},别处钢管有限公司,3130,,,,,,,,,,")))).Ok);
        Assert.Same(before, await View(a));
        Assert.Equal([Code(1)], (await Search(b, new EnterpriseFilter { Q = "钢管" })).Rows.Select(r => r.CreditCode));

        // an enterprise removed (and its qualification with it)
        await using (var db = tdb.NewContext())
        {
            db.Enterprises.Remove(await db.Enterprises.Include(x => x.Qualifications).SingleAsync(x => x.CreditCode == B));
            await db.SaveChangesAsync();
        }
        Assert.NotSame(before, await View(a));
        Assert.Empty((await Search(a, withQualification)).Rows);
        Assert.Equal(2, (await Search(a, new EnterpriseFilter())).Total);
    }

    [Theory, Providers]
    public async Task Views_stay_within_their_budget_and_a_larger_registry_is_searched_in_SQL(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var small = await CarrierAsync(tdb, "small");
        var large = await CarrierAsync(tdb, "large");
        Assert.True((await ImportAsync(tdb, small, "s.csv", Utf8(GoodCsv))).Ok);
        Assert.True((await ImportAsync(tdb, large, "l.csv",
            Utf8(Lines([Header, .. Enumerable.Range(10, 6).Select(i => $"{Code(i)},大户{i}钢管有限公司,3130,,,,,,,,,,")])))).Ok);
        var views = new RegistryViews(8, () => tdb.NewContext());
        await using var db = tdb.NewContext();
        await db.Database.OpenConnectionAsync();

        var first = await views.CurrentAsync(db, small, default, wait: true);
        Assert.Equal(3, first!.Count);
        Assert.Same(first, await views.CurrentAsync(db, small, default));
        // 3 + 6 > 8: the small carrier's view is dropped to make room, and built again when it is next asked for
        Assert.Equal(6, (await views.CurrentAsync(db, large, default, wait: true))!.Count);
        Assert.Null(await views.CurrentAsync(db, small, default));
        Assert.NotSame(first, await views.CurrentAsync(db, small, default, wait: true));

        var tooLarge = new RegistryViews(5, () => tdb.NewContext());
        Assert.Null(await tooLarge.CurrentAsync(db, large, default, wait: true));
        var page = await new SearchEnterprises(db, Scopes.Operator(large), tooLarge).HandleAsync(new EnterpriseFilter { Q = "钢管", PageSize = 4 });
        Assert.Equal((6, 4, "大户10钢管有限公司"), (page.Total, page.Rows.Count, page.Rows[0].Name));
    }

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long ticks;
        public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
        public override long GetTimestamp() => Interlocked.Read(ref ticks);
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    [Theory, Providers]
    public async Task A_registry_that_changes_faster_than_its_view_builds_is_searched_in_SQL_until_it_settles(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var a = await CarrierAsync(tdb, "busy");
        Assert.True((await ImportAsync(tdb, a, "a.csv", Utf8(GoodCsv))).Ok);
        var clock = new ManualClock();
        // every build, whole or patch, "takes" 300 ms on this clock
        var views = new RegistryViews(1_000, () => { clock.Advance(TimeSpan.FromMilliseconds(300)); return tdb.NewContext(); }, time: clock);
        await using var db = tdb.NewContext();
        await db.Database.OpenConnectionAsync();
        async Task Rename(string name)
        {
            await using var w = tdb.NewContext();
            var e = await w.Enterprises.SingleAsync(x => x.CreditCode == A);
            e.Name = name;
            e.RefreshSearch();
            await w.SaveChangesAsync();
        }
        async Task<IEnumerable<string>> Names() =>
            (await new SearchEnterprises(db, Scopes.Operator(a), views).HandleAsync(new EnterpriseFilter { Q = A })).Rows.Select(r => r.Name);

        // the first build starts at once, and so does the first patch (nothing is known of its cost yet)
        Assert.Null(await views.CurrentAsync(db, a, default));
        Assert.Equal(1, views.BuildsStarted);
        Assert.NotNull(await views.CurrentAsync(db, a, default, wait: true));
        Assert.Equal(1, views.BuildsStarted);
        await Rename("忙碌钢管有限公司");
        Assert.Equal(["忙碌钢管有限公司"], await Names());
        Assert.Equal(2, views.BuildsStarted);
        Assert.NotNull(await views.CurrentAsync(db, a, default, wait: true));
        Assert.Equal(1, views.Patches);

        // then none starts until the version has stood still for twice the last patch (600 ms); SQL answers meanwhile
        await Rename("忙碌精密有限公司");
        Assert.Equal(["忙碌精密有限公司"], await Names());
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(["忙碌精密有限公司"], await Names());
        await Rename("忙碌电力有限公司");
        Assert.Equal(["忙碌电力有限公司"], await Names()); // moved again: the wait starts over
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(["忙碌电力有限公司"], await Names());
        Assert.Equal(2, views.BuildsStarted);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(["忙碌电力有限公司"], await Names());
        Assert.Equal(3, views.BuildsStarted);
        Assert.Equal("忙碌电力有限公司", (await views.CurrentAsync(db, a, default, wait: true))!.Find(new EnterpriseFilter(), new SearchEnterprises.Query.All(), 0, 20, 1001)
            .Rows.Single(r => r.CreditCode == A).Name);
        Assert.Equal(2, views.Patches);
    }

    [Fact]
    public void Names_are_ordered_by_code_point_as_the_databases_order_them()
    {
        // UTF-16 puts a surrogate pair (U+20000) before U+FF08; code points, SQLite's BINARY and C.UTF-8 put it after
        Assert.True(string.CompareOrdinal("𠀀", "（") < 0);
        Assert.True(RegistryView.CompareCodePoints("𠀀", "（") > 0);
        Assert.True(RegistryView.CompareCodePoints("钢", "钢管") < 0);
        Assert.Equal(0, RegistryView.CompareCodePoints("钢管", "钢管"));
        Assert.True(RegistryView.CompareCodePoints("A", "a") < 0);
    }
}
