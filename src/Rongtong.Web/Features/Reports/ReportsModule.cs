using Rongtong.Web.Features.Performance;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Reports;

/// <summary>报告 — the 自评估报告: narratives, approved snapshots, rendering.</summary>
public static class ReportsModule
{
    public static IServiceCollection AddReports(this IServiceCollection s)
    {
        s.AddScoped<CollectReportData>();
        s.AddScoped<ReportService>();
        return s;
    }

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/carriers/{carrier}/reports/{year:int}").WithTags("Reports");

        g.MapGet("/{file}", async (string carrier, int year, string file, bool? draft, int? version, string? lang, RongtongDb db, CurrentScope scope, ReportService reports, CancellationToken ct) =>
            {
                var format = ReportService.FormatOf(file) ?? throw new ValidationFailedException([new("file", "format", "格式须为 docx、pdf、html、xlsx 或 json", "the format must be docx, pdf, html, xlsx or json")]);
                var c = await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct);
                var bytes = await reports.RenderAsync(c, year, format, draft == true, version, lang == "en", ct);
                return Results.File(bytes, ReportService.ContentType(format), $"{c.Code}-{year}-self-assessment{(draft == true ? "-draft" : "")}.{format.ToString().ToLowerInvariant()}");
            })
            .RequireAuthorization(Policies.PerformanceRead);

        g.MapPost("/snapshots", async (string carrier, int year, RongtongDb db, CurrentScope scope, ReportService reports, CancellationToken ct) =>
            {
                var c = await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct);
                if (scope.HomeCarrierId != c.Id) throw new NotFoundException("carrier");
                var s = await reports.TakeAsync(c, year, scope.UserName, ct);
                return new { s.Version, s.CreatedAt };
            })
            .RequireAuthorization(Policies.PerformanceWrite);

        return api;
    }
}
