using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Web.Features.Funds;

namespace Rongtong.Cli;

/// <summary><c>funds</c>: the carrier's fund figures, amounts in 万元 as JSON numbers.</summary>
internal static class FundsCommands
{
    public static async Task<int> FundsAsync(Args a, IServiceProvider sp, TextWriter stdout)
    {
        if ((a.Get("format") ?? "json") != "json") throw new CliException("unknown --format; use json");
        var carrier = await ImportCommands.CarrierAsync(sp, a.Required("carrier"));
        int? year = null;
        if (a.Get("year") is { } y) year = int.TryParse(y, out var v) && v is >= 2000 and <= 2100 ? v : throw new CliException("--year must be a year such as 2020");
        var f = await sp.GetRequiredService<FundSummary>().HandleAsync(carrier.Id, year);
        await stdout.WriteLineAsync(JsonSerializer.Serialize(FundsModule.ToJson(f), PerformanceCommands.Json));
        return 0;
    }
}

/// <summary><c>projects</c>: the carrier's sub-projects, amounts in 万元.</summary>
internal static class ProjectsCommands
{
    public static async Task<int> ProjectsAsync(Args a, IServiceProvider sp, TextWriter stdout)
    {
        if ((a.Get("format") ?? "json") != "json") throw new CliException("unknown --format; use json");
        var carrier = await ImportCommands.CarrierAsync(sp, a.Required("carrier"));
        var db = sp.GetRequiredService<Web.Platform.Data.RongtongDb>();
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.SubProjects.Where(p => p.CarrierId == carrier.Id).OrderBy(p => p.Code).Select(p => new
            {
                p.Code, p.Name, p.Status, p.TotalInvestmentFen, p.SpecialFundFen,
                Programme = db.Programmes.Where(g => g.Id == p.ProgrammeId).Select(g => g.Name).FirstOrDefault(),
                Unit = db.Enterprises.Where(e => e.Id == p.UnitId).Select(e => e.Name).FirstOrDefault(),
                Invested = db.ProgressUpdates.Where(u => u.SubProjectId == p.Id && u.InvestedFen != null).OrderByDescending(u => u.On).Select(u => u.InvestedFen).FirstOrDefault(),
            }));
        await stdout.WriteLineAsync(JsonSerializer.Serialize(rows.Select(p => new
        {
            code = p.Code, name = p.Name, programme = p.Programme, unit = p.Unit,
            totalInvestment = p.TotalInvestmentFen == 0 ? (decimal?)null : Money.ToWan(p.TotalInvestmentFen),
            specialFund = p.SpecialFundFen == 0 ? (decimal?)null : Money.ToWan(p.SpecialFundFen),
            invested = p.Invested is { } i ? Money.ToWan(i) : (decimal?)null,
            // invested / planned investment, in %; null where either is not recorded
            progress = p.Invested is { } inv && p.TotalInvestmentFen > 0 ? Math.Round(inv * 100m / p.TotalInvestmentFen, 1) : (decimal?)null,
            status = p.Status.ToString().ToLowerInvariant(),
        }), PerformanceCommands.Json));
        return 0;
    }
}
