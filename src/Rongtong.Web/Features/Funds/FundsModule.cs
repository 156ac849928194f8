namespace Rongtong.Web.Features.Funds;

/// <summary>专项资金 — fund batches, allocations to sub-projects, disbursements.</summary>
public static class FundsModule
{
    public static IServiceCollection AddFunds(this IServiceCollection s)
    {
        s.AddScoped<FundLedger>();
        s.AddScoped<FundSummary>();
        s.AddScoped<FundsSeed>();
        return s;
    }
}
