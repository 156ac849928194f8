using Microsoft.EntityFrameworkCore;
using Rongtong.Tests.Support;

namespace Rongtong.Tests.Platform;

public sealed class MigrationTests
{
    /// <summary>Fails when the model changed without a migration for this provider (run scripts/add-migration.sh).</summary>
    [Theory, Providers]
    public async Task The_model_has_no_changes_missing_from_the_migrations(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        Assert.False(db.Database.HasPendingModelChanges(), $"the {provider} migrations are behind the model");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
