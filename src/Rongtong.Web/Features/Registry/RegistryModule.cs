using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Features.Registry.Figures;
using Rongtong.Web.Features.Registry.Import;
using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Features.Registry.Search;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Registry;

/// <summary>主体库 — carriers, enterprises, qualifications, yearly figures.</summary>
public static class RegistryModule
{
    public static IServiceCollection AddRegistry(this IServiceCollection s)
    {
        s.AddScoped<SaveEnterprise>();
        s.AddScoped<SearchEnterprises>();
        s.AddSingleton(sp => new RegistryViews(sp.GetRequiredService<IConfiguration>().GetValue("Registry:SearchViewRows", RegistryViews.DefaultBudgetRows),
            () => Database.RentSystemContext(sp), sp.GetRequiredService<ILogger<RegistryViews>>()));
        s.AddScoped<FileFigures>();
        s.AddScoped<EnterpriseDetails>();
        s.AddScoped<RegistryHeadlines>();
        s.AddScoped<DemoSeed>();
        s.AddScoped<ManageQualifications>();
        s.AddImport();
        return s;
    }

    public static RouteGroupBuilder MapRegistryApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/").WithTags("Registry");

        g.MapGet("/carriers", async (RongtongDb db, CurrentScope scope, CancellationToken ct) =>
                await db.Carriers.Where(c => scope.CarrierIds.Contains(c.Id))
                    .Select(c => new { c.Code, c.Name, c.Zone, type = c.Type.ToString(), c.ApprovedOn, mainIndustries = c.MainIndustries, c.LandArea })
                    .ToListAsync(ct))
            .RequireAuthorization(Policies.RegistryRead);

        g.MapGet("/enterprises", async ([AsParameters] EnterpriseQuery q, SearchEnterprises search, CancellationToken ct) =>
            {
                var page = await search.HandleAsync(q.ToFilter(), ct);
                return new
                {
                    total = page.Total, totalCapped = page.TotalCapped, page = page.Page, pageSize = page.PageSize,
                    items = page.Rows.Select(r => new
                    {
                        r.CreditCode, r.Name, r.IndustryCode, r.InZone, chainRole = r.ChainRole.ToString(),
                        incubation = r.Incubation.ToString(), sizeClass = r.SizeClass is { } s ? SizeClassifier.Code(s) : null, r.SizeYear, r.IsDemo,
                    }),
                };
            })
            .RequireAuthorization(Policies.RegistryRead);

        g.MapGet("/enterprises/{code}", async (string code, EnterpriseDetails details, CancellationToken ct) =>
                EnterpriseDto.From(await details.HandleAsync(code, ct)))
            .RequireAuthorization(Policies.SignedIn);

        g.MapPost("/enterprises", async (EnterpriseInput input, SaveEnterprise save, CancellationToken ct) =>
            {
                var r = await save.HandleAsync(null, input, ct);
                return Results.Created($"/api/v1/enterprises/{r.Enterprise.CreditCode}", new { r.Enterprise.CreditCode, r.Enterprise.Version, warnings = ApiExceptionHandler.ToList(r.Warnings) });
            })
            .RequireAuthorization(Policies.RegistryWrite);

        g.MapPut("/enterprises/{code}", async (string code, EnterpriseInput input, SaveEnterprise save, CancellationToken ct) =>
            {
                var r = await save.HandleAsync(code, input, ct);
                return Results.Ok(new { r.Enterprise.CreditCode, r.Enterprise.Version, warnings = ApiExceptionHandler.ToList(r.Warnings) });
            })
            .RequireAuthorization(Policies.RegistryWrite);

        g.MapPut("/enterprises/{code}/years/{year:int}", async (string code, int year, YearInput input, FileFigures file, CancellationToken ct) =>
            {
                var row = await file.HandleAsync(code, input with { Year = year }, ct);
                return Results.Ok(new { row.Year, sizeClass = SizeClassifier.Code(row.SizeClass), row.SizeRule, row.Version });
            })
            .RequireAuthorization(Policies.FileFigures);

        g.MapGet("/industries", (string? level) =>
                IndustryCodes.Map.Values.Where(i => level is null || i.Level.ToString() == level).OrderBy(i => i.Code)
                    .Select(i => new { i.Code, i.Level, i.Parent, i.Name, nameEn = i.EnglishName, i.Section }))
            .AllowAnonymous();

        g.MapGet("/credit-codes/{code}/check", (string code) =>
            {
                var r = CreditCode.Validate(code);
                return new { code = r.Code, ok = r.Ok, errors = ApiExceptionHandler.ToList(r.Errors), warnings = ApiExceptionHandler.ToList(r.Warnings) };
            })
            .AllowAnonymous();
        g.MapImportApi();
        return api;
    }

    public sealed record EnterpriseQuery(string? Q, string? Industry, string? Size, IncubationStatus? Status, ChainRole? Role,
        QualificationKind? Qualification, bool? InZone, int? Page, int? PageSize)
    {
        public EnterpriseFilter ToFilter() => new()
        {
            Q = Q, Industry = Industry, Status = Status, Role = Role, Qualification = Qualification, InZone = InZone,
            Size = Size?.ToLowerInvariant() switch
            {
                "large" => SizeClass.Large, "medium" => SizeClass.Medium, "small" => SizeClass.Small, "micro" => SizeClass.Micro, _ => null,
            },
            Page = Page ?? 1, PageSize = PageSize ?? 20,
        };
    }
}
