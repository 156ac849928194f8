using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Integration;

/// <summary>融通对接 — deals between the carrier's leading enterprises and SMEs, recorded, confirmed and counted by the indicators.</summary>
public static class IntegrationModule
{
    public static IServiceCollection AddIntegration(this IServiceCollection s) => s.AddScoped<DealWork>().AddScoped<DemandWork>();

    public sealed record VoidInput(string? Reason);
    public sealed record ReviewInput(bool? Publish, string? Note);

    public static RouteGroupBuilder MapIntegrationApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/carriers/{carrier}/deals").WithTags("Integration");

        g.MapGet("", async (string carrier, int? year, DealState? state, RongtongDb db, CurrentScope scope, DealWork work, CancellationToken ct) =>
                (await work.ListAsync((await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct)).Id, year, state, ct: ct)).Select(ToJson))
            .RequireAuthorization(Policies.DealsRead);

        g.MapPost("", async (string carrier, DealInput input, RongtongDb db, CurrentScope scope, DealWork work, CancellationToken ct) =>
            {
                var c = await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct);
                var d = await work.RecordAsync(c.Id, input, ct);
                return Results.Created($"/api/v1/carriers/{carrier}/deals/{d.Id}", ToJson(await RowAsync(work, c.Id, d.Id, ct)));
            })
            .RequireAuthorization(Policies.DealsWrite);

        g.MapGet("/{id:int}", async (string carrier, int id, RongtongDb db, CurrentScope scope, DealWork work, CancellationToken ct) =>
                ToJson(await RowAsync(work, (await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct)).Id, id, ct)))
            .RequireAuthorization(Policies.DealsRead);

        g.MapPost("/{id:int}/confirm", async (string carrier, int id, RongtongDb db, CurrentScope scope, DealWork work, CancellationToken ct) =>
            {
                var c = await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct);
                await work.ConfirmAsync(c.Id, id, ct);
                return ToJson(await RowAsync(work, c.Id, id, ct));
            })
            .RequireAuthorization(Policies.DealsWrite);

        g.MapPost("/{id:int}/void", async (string carrier, int id, VoidInput input, RongtongDb db, CurrentScope scope, DealWork work, CancellationToken ct) =>
            {
                var c = await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct);
                await work.VoidAsync(c.Id, id, input.Reason, ct);
                return ToJson(await RowAsync(work, c.Id, id, ct));
            })
            .RequireAuthorization(Policies.DealsWrite);

        var m = api.MapGroup("/carriers/{carrier}/demands").WithTags("Integration");
        m.MapGet("", async (string carrier, RongtongDb db, CurrentScope scope, DemandWork work, CancellationToken ct) =>
                (await work.ListAsync((await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct)).Id, ct)).Select(x => DemandJson(x.Demand, x.LeadingName, x.Answers)))
            .RequireAuthorization(Policies.DealsRead);
        m.MapGet("/{id:int}", async (string carrier, int id, RongtongDb db, CurrentScope scope, DemandWork work, CancellationToken ct) =>
                ViewJson(await work.ViewAsync((await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct)).Id, id, ct)))
            .RequireAuthorization(Policies.DealsRead);
        m.MapPost("", async (string carrier, DemandInput input, RongtongDb db, CurrentScope scope, DemandWork work, CancellationToken ct) =>
            {
                var c = await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct);
                var d = await work.PostAsync(c.Id, input, ct);
                return Results.Created($"/api/v1/carriers/{carrier}/demands/{d.Id}", ViewJson(await work.ViewAsync(c.Id, d.Id, ct)));
            })
            .RequireAuthorization(Policies.DealsWrite);
        m.MapPost("/{id:int}/review", async (string carrier, int id, ReviewInput input, RongtongDb db, CurrentScope scope, DemandWork work, CancellationToken ct) =>
            {
                var c = await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct);
                await work.ReviewAsync(c.Id, id, input.Publish, input.Note, ct);
                return ViewJson(await work.ViewAsync(c.Id, id, ct));
            })
            .RequireAuthorization(Policies.DealsWrite);
        m.MapPost("/{id:int}/answers", async (string carrier, int id, AnswerInput input, RongtongDb db, CurrentScope scope, DemandWork work, CancellationToken ct) =>
            {
                var c = await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct);
                var a = await work.AnswerAsync(c.Id, id, input, ct);
                return Results.Created($"/api/v1/carriers/{carrier}/demands/{id}", new { a.Id, state = a.State.ToString().ToLowerInvariant() });
            })
            .RequireAuthorization(Policies.DealsWrite);
        m.MapPost("/{id:int}/select", async (string carrier, int id, SelectInput input, RongtongDb db, CurrentScope scope, DemandWork work, DealWork deals, CancellationToken ct) =>
            {
                var c = await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct);
                var deal = await work.SelectAsync(c.Id, id, input, ct);
                return ToJson(await RowAsync(deals, c.Id, deal.Id, ct));
            })
            .RequireAuthorization(Policies.DealsWrite);
        return api;
    }

    private static object DemandJson(Demand d, string leadingName, int? answers) => new
    {
        d.Id, leading = leadingName, kind = d.Kind.ToString().ToLowerInvariant(), title = d.Title, budget = d.BudgetFen is { } b ? Money.ToWan(b) : (decimal?)null,
        deadline = d.Deadline, state = d.State.ToString().ToLowerInvariant(), answers, dealId = d.DealId,
    };

    private static object ViewJson(DemandView v) => new
    {
        v.Demand.Id, leading = v.LeadingName, kind = v.Demand.Kind.ToString().ToLowerInvariant(), title = v.Demand.Title, description = v.Demand.Description,
        budget = v.Demand.BudgetFen is { } b ? Money.ToWan(b) : (decimal?)null, deadline = v.Demand.Deadline, state = v.Demand.State.ToString().ToLowerInvariant(),
        reviewNote = v.Demand.ReviewNote, takesAnswers = v.TakesAnswers, dealId = v.Demand.DealId,
        answers = v.Answers.Select(a => new { a.Id, sme = a.Sme!.Name, proposal = a.Proposal, price = Money.ToWan(a.PriceFen), state = a.State.ToString().ToLowerInvariant() }),
    };

    private static async Task<DealRow> RowAsync(DealWork work, int carrierId, int id, CancellationToken ct) =>
        (await work.ListAsync(carrierId, id: id, ct: ct)).SingleOrDefault() ?? throw new Platform.Errors.NotFoundException("deal");

    public static object ToJson(DealRow r) => new
    {
        r.Deal.Id,
        leading = new { name = r.LeadingName, creditCode = r.LeadingCode },
        sme = new { name = r.SmeName, creditCode = r.SmeCode },
        kind = r.Deal.Kind.ToString().ToLowerInvariant(), subject = r.Deal.Subject, contractNo = r.Deal.ContractNo, signedOn = r.Deal.SignedOn,
        amount = Money.ToWan(r.Deal.AmountFen), state = r.Deal.State.ToString().ToLowerInvariant(),
        recordedBy = r.Deal.RecordedBy, confirmedBy = r.Deal.ConfirmedBy, voidReason = r.Deal.VoidReason,
    };
}
