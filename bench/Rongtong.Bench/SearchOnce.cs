using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Features.Registry.Search;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Bench;

/// <summary>
/// The enterprise search handler on a loaded database (<c>bench/load.sh</c>'s: 100,000 enterprises of "hengyang"):
/// what building the carrier's in-memory view costs (time, memory held), then each search's median time through SQL
/// (the baseline) and through the view, in the same run, and that both give the same page. Usage:
/// <c>search-once &lt;Sqlite|Postgres&gt; &lt;connection string&gt;</c>.
/// </summary>
public static class SearchOnce
{
    private static readonly EnterpriseFilter[] Searches =
    [
        new(),
        new() { Q = "钢管" },
        new() { Q = "钢管", Page = 30 },
        new() { Q = "钢管有限" },
        new() { Q = "材" },
        new() { Industry = "C", Size = Web.Features.Registry.Rules.SizeClass.Small },
        new() { Q = "钢管", Qualification = Web.Features.Registry.QualificationKind.HighTech },
        new() { Q = "91430400MB" },
    ];

    public static async Task RunAsync(string provider, string cs)
    {
        RongtongDb NewContext() => Database.NewContext(provider, cs, new Web.Platform.Auditing.AuditActor { Name = "bench" });
        int carrierId;
        await using (var db = NewContext())
            carrierId = await db.Carriers.Where(c => c.Code == "hengyang").Select(c => c.Id).SingleAsync();
        var scope = new CurrentScope(new HttpContextAccessor
        {
            HttpContext = new DefaultHttpContext
            {
                User = new ClaimsPrincipal(new ClaimsIdentity([
                    new(ClaimTypes.Name, "bench"), new(ClaimTypes.Role, Roles.Operator),
                    new(ScopeClaims.Carrier, carrierId.ToString()), new(ScopeClaims.Carriers, carrierId.ToString())], "bench")),
            },
        });

        // the view's build: three builds (a new RegistryViews each); the memory held after the first (what a full
        // collection leaves of it, with EF's few compiled queries of the build)
        for (var i = 0; i < 3; i++)
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var (views, count, built) = await BuildAsync(NewContext, carrierId);
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            Console.WriteLine($"view of {count:N0} enterprises: built in {built:N0} ms" + (i == 0 ? $", holds {held / 1e6:N1} MB ({(double)held / count:N0} bytes an enterprise)" : ""));
            GC.KeepAlive(views);
        }

        var (shared, _, _) = await BuildAsync(NewContext, carrierId);

        // a patch: one enterprise renamed (and back), then the time until the view has it
        for (var i = 0; i < 4; i++)
        {
            await using (var db = NewContext())
            {
                var e = await db.Enterprises.Where(x => x.CarrierId == carrierId).OrderBy(x => x.Id).FirstAsync();
                e.Name = e.Name.EndsWith('甲') ? e.Name[..^1] : e.Name + "甲";
                e.RefreshSearch();
                await db.SaveChangesAsync();
            }
            var sw = Stopwatch.StartNew();
            await using (var db = NewContext())
            {
                await db.Database.OpenConnectionAsync();
                await shared.CurrentAsync(db, carrierId, default, wait: true);
            }
            Console.WriteLine($"one enterprise renamed: the view patched in {sw.Elapsed.TotalMilliseconds:N0} ms (patches so far: {shared.Patches})");
        }
        Console.WriteLine($"{"search",-40} {"SQL µs",10} {"view µs",10} {"ratio",7}");
        foreach (var f in Searches)
        {
            var sql = await MedianAsync(NewContext, scope, null, f);
            var view = await MedianAsync(NewContext, scope, shared, f);
            if (!(sql.Page.Total == view.Page.Total && sql.Page.Rows.SequenceEqual(view.Page.Rows)))
                throw new InvalidOperationException($"the view's page differs from SQL's for {Describe(f)}");
            Console.WriteLine($"{Describe(f),-40} {sql.Micros,10:N0} {view.Micros,10:N0} {sql.Micros / view.Micros,6:N1}×");
        }
    }

    private static async Task<(RegistryViews Views, int Count, double Millis)> BuildAsync(Func<RongtongDb> newContext, int carrierId)
    {
        var views = new RegistryViews(1_000_000, newContext);
        var sw = Stopwatch.StartNew();
        await using var db = newContext();
        await db.Database.OpenConnectionAsync();
        var view = await views.CurrentAsync(db, carrierId, default, wait: true);
        return (views, view!.Count, sw.Elapsed.TotalMilliseconds);
    }

    private static string Describe(EnterpriseFilter f) =>
        string.Join(" ", new[] { f.Q is null ? null : $"q={f.Q}", f.Industry is null ? null : $"industry={f.Industry}", f.Size is null ? null : $"size={f.Size}",
            f.Qualification is null ? null : $"qualification={f.Qualification}", f.Page == 1 ? null : $"page={f.Page}" }.Where(s => s is not null)) is { Length: > 0 } d ? d : "(the list)";

    /// <summary>The median of 200 calls after 50 warm-up calls, each with a context of its own, as a request has.</summary>
    private static async Task<(double Micros, EnterprisePage Page)> MedianAsync(Func<RongtongDb> newContext, CurrentScope scope, RegistryViews? views, EnterpriseFilter f)
    {
        var times = new List<double>();
        EnterprisePage page = null!;
        for (var i = 0; i < 250; i++)
        {
            await using var db = newContext();
            var sw = Stopwatch.StartNew();
            page = await new SearchEnterprises(db, scope, views).HandleAsync(f);
            if (i >= 50) times.Add(sw.Elapsed.TotalMicroseconds);
        }
        times.Sort();
        return (times[times.Count / 2], page);
    }
}
