using System.Text;
using Microsoft.EntityFrameworkCore;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Features.Registry.Search;
using static Rongtong.Tests.Registry.Import.ImportFixture;

namespace Rongtong.Tests.Registry;

/// <summary>
/// Search over more matches than it counts: the count stops at its cap, the page is the same whichever index drives it
/// (gram index for rare terms, name index for common ones), and another carrier's matches never show.
/// </summary>
public sealed class EnterpriseSearchTests
{
    private static string Code(int i) => CreditCode.Complete($"91430400MC{i:000000}X"[..17]);

    private static MemoryStream File(int from, int count, Func<int, string> name)
    {
        var sb = new StringBuilder(Header + "\r\n");
        for (var i = from; i < from + count; i++) sb.Append($"{Code(i)},{name(i)},3130,10,5,100,100,100,1,1,1,1,2022\r\n");
        return Utf8(sb.ToString());
    }

    private static string Name(int i) => i % 2 == 0 ? $"衡阳{i:0000}号钢管有限公司" : $"衡阳{i:0000}号钢材管理有限公司";

    [Theory, Providers]
    public async Task A_common_term_is_capped_paged_by_name_and_kept_to_the_carrier(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        var a = await CarrierAsync(tdb, "zone-a");
        var b = await CarrierAsync(tdb, "zone-b");
        // carrier a: 1,200 pipe makers among 2,400 (the others have 钢 and 管, not side by side); carrier b: 300 pipe
        // makers named to sort first
        Assert.True((await ImportAsync(tdb, a, "a.csv", File(0, 2400, Name))).Ok);
        Assert.True((await ImportAsync(tdb, b, "b.csv", File(5000, 300, i => $"阿{i:0000}钢管有限公司"))).Ok);
        // the SQL path and the in-memory view (docs/adr/0015-registry-view.md) alike
        await SearchAsync(tdb, a, b, null);
        var views = new RegistryViews(1_000_000, () => tdb.NewContext());
        await using (var warm = tdb.NewContext())
        {
            await warm.Database.OpenConnectionAsync();
            Assert.NotNull(await views.CurrentAsync(warm, a, default, wait: true));
            Assert.NotNull(await views.CurrentAsync(warm, b, default, wait: true));
        }
        await SearchAsync(tdb, a, b, views);
    }

    private static async Task SearchAsync(TestDatabase tdb, int a, int b, RegistryViews? views)
    {
        await using var db = tdb.NewContext();
        var search = new SearchEnterprises(db, Scopes.Operator(a), views);

        var first = await search.HandleAsync(new EnterpriseFilter { Q = "钢管" });
        var third = await search.HandleAsync(new EnterpriseFilter { Q = "钢管", Page = 3 });
        var rare = await search.HandleAsync(new EnterpriseFilter { Q = "0012号钢" });
        var filtered = await search.HandleAsync(new EnterpriseFilter { Q = "钢管", Industry = "C" });
        var longer = await search.HandleAsync(new EnterpriseFilter { Q = "钢管有限" }); // three grams, also past the cap
        var single = await search.HandleAsync(new EnterpriseFilter { Q = "材" }); // one character, past the cap

        Assert.Equal((SearchEnterprises.CountCap, true), (first.Total, first.TotalCapped));
        var expected = Enumerable.Range(0, 2400).Where(i => i % 2 == 0).Select(i => $"衡阳{i:0000}号钢管有限公司").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Take(20), first.Rows.Select(r => r.Name));
        Assert.Equal(expected.Skip(40).Take(20), third.Rows.Select(r => r.Name));
        Assert.Equal(["衡阳0012号钢管有限公司"], rare.Rows.Select(r => r.Name));
        Assert.Equal((1, false), (rare.Total, rare.TotalCapped));
        Assert.Equal(expected.Take(20), filtered.Rows.Select(r => r.Name));
        var past = await search.HandleAsync(new EnterpriseFilter { Q = "钢管", Page = 51 }); // past the count's cap: pages go on
        Assert.Equal(expected.Skip(1000).Take(20), past.Rows.Select(r => r.Name));
        Assert.True(first.HasNext && past.HasNext);
        Assert.Equal((SearchEnterprises.CountCap, true), (longer.Total, longer.TotalCapped));
        Assert.Equal(expected.Take(20), longer.Rows.Select(r => r.Name));
        var steel = Enumerable.Range(0, 2400).Where(i => i % 2 == 1).Select(Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal((SearchEnterprises.CountCap, true), (single.Total, single.TotalCapped));
        Assert.Equal(steel.Take(20), single.Rows.Select(r => r.Name));

        var other = await new SearchEnterprises(db, Scopes.Operator(b), views).HandleAsync(new EnterpriseFilter { Q = "钢管" });
        Assert.Equal((300, false), (other.Total, other.TotalCapped));
        Assert.All(other.Rows, r => Assert.StartsWith("阿", r.Name));

        // the plain list (a compiled query): capped, sorted by name, paged, and kept to the carrier
        var everyone = Enumerable.Range(0, 2400).Select(Name).Order(StringComparer.Ordinal).ToList();
        var list = await search.HandleAsync(new EnterpriseFilter { Page = 2 });
        Assert.Equal((SearchEnterprises.CountCap, true), (list.Total, list.TotalCapped));
        Assert.Equal(everyone.Skip(20).Take(20), list.Rows.Select(r => r.Name));
        var listB = await new SearchEnterprises(db, Scopes.Operator(b), views).HandleAsync(new EnterpriseFilter());
        Assert.Equal((300, false, 20, true), (listB.Total, listB.TotalCapped, listB.Rows.Count, listB.HasNext));
        var lastB = await new SearchEnterprises(db, Scopes.Operator(b), views).HandleAsync(new EnterpriseFilter { Page = 15 });
        Assert.Equal((20, false), (lastB.Rows.Count, lastB.HasNext));
    }
}
