using Rongtong.Web.Features.Performance;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Funds;

/// <summary>专项资金 — fund batches, allocations to sub-projects, disbursements.</summary>
public static class FundsModule
{
    public static IServiceCollection AddFunds(this IServiceCollection s)
    {
        s.AddScoped<FundLedger>();
        s.AddScoped<FundSummary>();
        s.AddScoped<LedgerExport>();
        s.AddScoped<FundsSeed>();
        return s;
    }

    /// <summary>The fund figures in the form of the CLI's <c>funds</c>: amounts in 万元 as JSON numbers.</summary>
    public static object ToJson(FundFigures f) => new
    {
        received = Money.ToWan(f.ReceivedFen), allocated = Money.ToWan(f.AllocatedFen), disbursed = Money.ToWan(f.DisbursedFen), executionRate = f.ExecutionRate,
        batches = f.Batches.Select(b => new { source = b.Source, document = b.Document, date = b.Date.ToString("yyyy-MM-dd"), amount = Money.ToWan(b.AmountFen) }),
        byYear = f.ByYear.Select(x => new { year = x.Year, disbursed = Money.ToWan(x.DisbursedFen) }),
        byCategory = f.ByCategory.Select(x => new { category = x.Category, allocated = Money.ToWan(x.AllocatedFen), disbursed = Money.ToWan(x.DisbursedFen) }),
    };

    public static RouteGroupBuilder MapFundsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/carriers/{carrier}/funds", async (string carrier, int? year, RongtongDb db, CurrentScope scope, FundSummary summary, CancellationToken ct) =>
                ToJson(await summary.HandleAsync((await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct)).Id, year, ct)))
            .WithTags("Funds")
            .RequireAuthorization(Policies.FundsRead);
        // 专项资金使用明细表 with the /Funds page's ledger filters
        api.MapGet("/carriers/{carrier}/funds/ledger.xlsx", async (string carrier, int? year, string? category, int? project, FundSource? source, RongtongDb db, CurrentScope scope, LedgerExport export, CancellationToken ct) =>
            {
                var c = await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct);
                var bytes = await export.HandleAsync(c, new LedgerFilter(year, category, project, source), ct);
                return Results.File(bytes, LedgerExport.ContentType, $"{c.Code}-funds-ledger{(year is { } y ? $"-{y}" : "")}.xlsx");
            })
            .WithTags("Funds")
            .RequireAuthorization(Policies.FundsRead);
        return api;
    }
}
