using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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

    /// <summary>The yearly figures that existed before their rows carried a carrier take their enterprise's.</summary>
    [Theory, Providers]
    public async Task Existing_yearly_figures_take_their_enterprises_carrier(string provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var adding = migrations.Single(m => m.EndsWith("_YearRowsCarryTheirCarrier", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[migrations.IndexOf(adding) - 1]);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Carriers" ("Code", "Name", "Zone", "Type", "MainIndustries", "IsDemo") VALUES ('c1', '一', '区', 1, '38', FALSE), ('c2', '二', '区', 1, '38', FALSE);
            """);
        var ids = await db.Database.SqlQueryRaw<int>("""SELECT "Id" AS "Value" FROM "Carriers" ORDER BY "Code" """).ToListAsync();
        var now = DateTime.UtcNow;
        foreach (var (carrier, code) in new[] { (ids[0], "A1"), (ids[1], "B2") })
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Enterprises" ("CarrierId", "CreditCode", "Name", "IndustryCode", "Address", "InZone", "ChainRole", "Incubation", "Listing", "IsDemo", "SearchText", "SearchGrams", "CreatedAt", "UpdatedAt", "Version")
                VALUES ({carrier}, {code}, {code}, '3130', NULL, TRUE, 0, 0, 0, FALSE, '', '', {now}, {now}, 1)
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "EnterpriseYears" ("EnterpriseId", "Year", "Employees", "DegreeHolders", "Revenue", "TotalAssets", "Output", "ProfitTax", "RnD", "LandArea", "NewJobs", "SizeClass", "SizeRule", "FiledAt", "Version")
                SELECT "Id", 2021, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, '', {now}, 1 FROM "Enterprises" WHERE "CreditCode" = {code}
                """);
        }
        await migrator.MigrateAsync();
        var rows = await db.EnterpriseYears.AsNoTracking().Include(y => y.Enterprise).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, y => Assert.Equal(y.Enterprise!.CarrierId, y.CarrierId));
        Assert.Equal(2, rows.Select(y => y.CarrierId).Distinct().Count());
    }
}
