using Rongtong.Web.Features.Projects;
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
        var rows = await sp.GetRequiredService<ProjectList>().HandleAsync(carrier.Id);
        await stdout.WriteLineAsync(JsonSerializer.Serialize(ProjectList.ToJson(rows), PerformanceCommands.Json));
        return 0;
    }
}
