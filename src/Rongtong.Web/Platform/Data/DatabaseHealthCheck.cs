using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Rongtong.Web.Platform.Data;

/// <summary>
/// <c>/health</c>: one <c>SELECT 1</c> on a connection from the pool, as every request gets its connection (a failure
/// throws, which the health-check service reports as unhealthy). EF Core's <c>AddDbContextCheck</c> asks
/// <c>CanConnectAsync</c>, which on SQLite opens a new unpooled read-only connection and reads the whole schema on every
/// call — dearer than a page's query, so no fair baseline for the benchmarks.
/// </summary>
public sealed class DatabaseHealthCheck(RongtongDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
        return HealthCheckResult.Healthy();
    }
}
