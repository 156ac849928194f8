using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance.Catalogue;
using Rongtong.Web.Features.Performance.Computations;
using Rongtong.Web.Features.Performance.Demo;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Features.Performance.Workflow;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Time;

namespace Rongtong.Web.Features.Performance;

/// <summary>绩效 — indicator catalogue, values, computation, evaluation, validation and the approval workflow.</summary>
public static class PerformanceModule
{
    public static IServiceCollection AddPerformance(this IServiceCollection s)
    {
        s.AddScoped<RegistryComputations>();
        s.AddScoped<EvaluatePeriod>();
        s.AddScoped<ValidatePeriod>();
        s.AddScoped<IndicatorWorkflow>();
        s.AddScoped<PerformanceSeed>();
        s.AddScoped<SaveIndicator>();
        s.AddScoped<SetJumpFactor>();
        return s;
    }

    /// <summary>
    /// The carrier by code, if the caller may read it (404 otherwise). The request acts for it from here on, so that a
    /// change to a record without a carrier of its own is audited under this carrier, not the caller's current one.
    /// </summary>
    public static async Task<Carrier> FindCarrierAsync(RongtongDb db, CurrentScope scope, string code, CancellationToken ct)
    {
        var c = await db.Carriers.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        if (c is null || !scope.CarrierIds.Contains(c.Id)) throw new NotFoundException("carrier");
        db.Actor.CarrierId = c.Id;
        return c;
    }

    /// <summary>The latest year with yearly actuals (the year the board and the report open on), else last year.</summary>
    public static async Task<int> LatestYearAsync(RongtongDb db, int carrierId, CancellationToken ct) =>
        await db.IndicatorValues.Where(v => v.CarrierId == carrierId && v.Period == PeriodKind.Y && v.Kind == ValueKind.Actual)
            .MaxAsync(v => (int?)v.Year, ct) ?? db.Clock.Today().Year - 1;

    public static Period ParsePeriod(string? s)
    {
        var errors = new Errors();
        return IndicatorWorkflow.ParsePeriod(s, errors) ?? throw new ValidationFailedException(errors);
    }

    public sealed record ReturnInput(string Indicator, ValueKind Kind, string Message);
    public sealed record CatalogueInput(decimal? JumpFactor);

    public static RouteGroupBuilder MapPerformanceApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/carriers/{carrier}").WithTags("Performance");

        g.MapGet("/indicators", async (string carrier, bool? all, RongtongDb db, CurrentScope scope, CancellationToken ct) =>
            {
                var c = await FindCarrierAsync(db, scope, carrier, ct);
                var (cat, list) = await Catalogues.ForCarrierAsync(db, c, ct);
                if (all == true)
                    list = await db.Indicators.AsNoTracking().Where(i => i.CatalogueId == cat.Id).OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
                return new
                {
                    catalogue = new { cat.Code, cat.NameZh, cat.NameEn, cat.Authority, cat.JumpFactor },
                    indicators = list.Select(IndicatorDto),
                };
            })
            .RequireAuthorization(Policies.PerformanceRead);

        g.MapPost("/indicators", async (string carrier, IndicatorInput input, RongtongDb db, CurrentScope scope, SaveIndicator save, CancellationToken ct) =>
            {
                var i = await save.HandleAsync(await FindCarrierAsync(db, scope, carrier, ct), null, input, ct);
                return Results.Created($"/api/v1/carriers/{carrier}/indicators/{i.Code}", IndicatorDto(i));
            })
            .RequireAuthorization(Policies.CatalogueWrite);

        g.MapPut("/indicators/{code}", async (string carrier, string code, IndicatorInput input, RongtongDb db, CurrentScope scope, SaveIndicator save, CancellationToken ct) =>
                IndicatorDto(await save.HandleAsync(await FindCarrierAsync(db, scope, carrier, ct), code, input, ct)))
            .RequireAuthorization(Policies.CatalogueWrite);

        g.MapPut("/catalogue", async (string carrier, CatalogueInput input, RongtongDb db, CurrentScope scope, SetJumpFactor set, CancellationToken ct) =>
            {
                var cat = await set.HandleAsync(await FindCarrierAsync(db, scope, carrier, ct), input.JumpFactor, ct);
                return new { cat.Code, cat.JumpFactor };
            })
            .RequireAuthorization(Policies.CatalogueWrite);

        g.MapGet("/evaluation", async (string carrier, string period, RongtongDb db, CurrentScope scope, EvaluatePeriod evaluate, CancellationToken ct) =>
            {
                var e = await evaluate.HandleAsync(await FindCarrierAsync(db, scope, carrier, ct), ParsePeriod(period), ct);
                return new
                {
                    period = e.Period.ToString(), status = e.Status.ToString().ToLowerInvariant(), total = e.Total, items = e.Rows.Select(EvaluationItem.From),
                    // an override is visible wherever the value appears
                    overrides = e.Rows.Where(r => r.Actual.Origin == Origin.Override)
                        .Select(r => new { code = r.Indicator.Code, actual = r.Actual.Value, computed = r.Actual.Computed, reason = r.Actual.Row?.OverrideReason }),
                };
            })
            .RequireAuthorization(Policies.PerformanceRead);

        g.MapGet("/findings", async (string carrier, string period, RongtongDb db, CurrentScope scope, ValidatePeriod validate, CancellationToken ct) =>
            {
                var (_, findings) = await validate.HandleAsync(await FindCarrierAsync(db, scope, carrier, ct), ParsePeriod(period), ct);
                return findings.Select(f => new { f.Rule, severity = f.SeverityCode, f.Indicator, f.Period, message = f.Message, f.Values });
            })
            .RequireAuthorization(Policies.PerformanceRead);

        g.MapGet("/records", async (string carrier, string indicator, string period, RongtongDb db, CurrentScope scope, RegistryComputations computations, CancellationToken ct) =>
            {
                var c = await FindCarrierAsync(db, scope, carrier, ct);
                var (_, list) = await Catalogues.ForCarrierAsync(db, c, ct);
                var i = list.FirstOrDefault(x => x.Code == indicator && x.Source == ValueSource.Computed) ?? throw new NotFoundException("indicator");
                var (rows, total) = await computations.DrillDownAsync(i.Computation!, c.Id, ParsePeriod(period), 1000, ct);
                return new { indicator = i.Code, computation = i.Computation, total, records = rows.Select(r => new { r.CreditCode, r.Name, r.Detail, r.Date, r.Amount, r.Of, r.IsDemo }) };
            })
            .RequireAuthorization(Policies.PerformanceRead);

        g.MapPut("/values", async (string carrier, ValueInput input, RongtongDb db, CurrentScope scope, IndicatorWorkflow workflow, CancellationToken ct) =>
            {
                var v = await workflow.SaveAsync(await FindCarrierAsync(db, scope, carrier, ct), input, ct);
                return new { v.Id, v.Value, v.IsOverride, v.Version };
            })
            .RequireAuthorization(Policies.PerformanceWrite);

        g.MapPost("/periods/{period}/submit", async (string carrier, string period, RongtongDb db, CurrentScope scope, IndicatorWorkflow workflow, CancellationToken ct) =>
            {
                var s = await workflow.SubmitAsync(await FindCarrierAsync(db, scope, carrier, ct), ParsePeriod(period), ct);
                return new { status = s.Status.ToString().ToLowerInvariant(), s.Version };
            })
            .RequireAuthorization(Policies.PerformanceWrite);

        g.MapPost("/periods/{period}/return", async (string carrier, string period, ReturnInput input, RongtongDb db, CurrentScope scope, IndicatorWorkflow workflow, CancellationToken ct) =>
            {
                var v = await workflow.ReturnAsync(await FindCarrierAsync(db, scope, carrier, ct), ParsePeriod(period), input.Indicator, input.Kind, input.Message, ct);
                return new { v.Id, v.ReturnMessage, v.Version };
            })
            .RequireAuthorization(Policies.PerformanceReview);

        g.MapPost("/periods/{period}/approve", async (string carrier, string period, int? version, RongtongDb db, CurrentScope scope, IndicatorWorkflow workflow, CancellationToken ct) =>
            {
                var s = await workflow.ApproveAsync(await FindCarrierAsync(db, scope, carrier, ct), ParsePeriod(period), version, ct);
                return new { status = s.Status.ToString().ToLowerInvariant(), s.Approvals, s.Version };
            })
            .RequireAuthorization(Policies.PerformanceReview);

        return api;
    }

    private static object IndicatorDto(IndicatorDefinition i) => new
    {
        i.Code, dimension = i.DimensionZh, i.DimensionEn, name = i.NameZh, i.NameEn, i.Unit, i.UnitEn,
        direction = i.Direction.ToString().ToLowerInvariant(), frequency = i.Frequency.ToString().ToLowerInvariant(),
        source = i.Source.ToString().ToLowerInvariant(), i.Computation, i.Weight, i.Decimals, i.SortOrder, i.Active, i.Version,
    };
}
