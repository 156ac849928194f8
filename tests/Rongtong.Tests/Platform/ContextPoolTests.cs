using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Tests.Support;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Tests.Platform;

/// <summary>The app rents its contexts from a pool: a context reused by the next request must audit as that request's user.</summary>
public sealed class ContextPoolTests
{
    [Theory, Providers]
    public async Task A_context_back_from_the_pool_acts_for_the_new_scope_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var first = await RentedByAliceAsync(app);

        await using var s2 = app.Services.CreateAsyncScope();
        var second = s2.ServiceProvider.GetRequiredService<RongtongDb>();
        Assert.Same(first, second); // the same instance, back from the pool
        Assert.Same(s2.ServiceProvider.GetRequiredService<AuditActor>(), second.Actor);
        Assert.Equal("system", second.Actor.Name);

        s2.ServiceProvider.GetRequiredService<AuditActor>().Name = "bob";
        second.Carriers.Add(new Carrier { Code = "pooltest", Name = "池测试载体", Zone = "测试区", MainIndustries = "38" });
        await second.SaveChangesAsync();
        var actors = await second.AuditEntries.Where(a => a.Entity == nameof(Carrier)).Select(a => a.Actor).Distinct().ToListAsync();
        Assert.Equal(["bob"], actors);
    }

    [Theory, Providers]
    public async Task A_context_taken_from_the_factory_directly_audits_as_the_system(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var first = await RentedByAliceAsync(app);
        await using var db = provider == Database.Postgres ? FromFactory<PostgresRongtongDb>(app) : FromFactory<SqliteRongtongDb>(app);
        Assert.Same(first, db);
        Assert.Equal("system", db.Actor.Name);
    }

    /// <summary>A context rented in a scope acting as "alice", back in the pool when this returns (the scope has ended).</summary>
    private static async Task<RongtongDb> RentedByAliceAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "alice";
        var db = scope.ServiceProvider.GetRequiredService<RongtongDb>();
        Assert.Equal("alice", db.Actor.Name);
        return db;
    }

    private static RongtongDb FromFactory<T>(TestApp app) where T : RongtongDb =>
        app.Services.GetRequiredService<IDbContextFactory<T>>().CreateDbContext();
}
