using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Files;

namespace Rongtong.Web.Features.Projects;

/// <summary>子项目 — sub-projects under the carrier's 工程: budget, milestones, progress updates with photos.</summary>
public static class ProjectsModule
{
    public static IServiceCollection AddProjects(this IServiceCollection s)
    {
        s.AddScoped<ProjectList>();
        s.AddScoped<ProjectDetails>();
        s.AddScoped<ProjectWork>();
        return s;
    }

    public sealed record ProgressInput(DateOnly? On, string? Text, decimal? Invested);
    public sealed record MilestoneDoneInput(DateOnly? DoneOn);

    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/carriers/{carrier}/projects").WithTags("Projects");

        g.MapGet("", async (string carrier, RongtongDb db, CurrentScope scope, ProjectList list, CancellationToken ct) =>
                ProjectList.ToJson(await list.HandleAsync((await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct)).Id, ct: ct)))
            .RequireAuthorization(Policies.ProjectsRead);

        g.MapGet("/{code}", async (string carrier, string code, RongtongDb db, CurrentScope scope, ProjectWork work, ProjectDetails details, CancellationToken ct) =>
                ToJson(await details.HandleAsync(await FindAsync(db, scope, work, carrier, code, ct), ct), carrier))
            .RequireAuthorization(Policies.ProjectsRead);

        g.MapPost("/{code}/progress", async (string carrier, string code, ProgressInput input, RongtongDb db, CurrentScope scope, ProjectWork work, CancellationToken ct) =>
            {
                var u = await work.AddProgressAsync(await FindAsync(db, scope, work, carrier, code, ct), input.On, input.Text, input.Invested, [], ct);
                return Results.Created($"/api/v1/carriers/{carrier}/projects/{code}", new { u.Id, on = u.On, invested = u.InvestedFen is { } i ? Money.ToWan(i) : (decimal?)null });
            })
            .RequireAuthorization(Policies.ProjectsUpdate);

        g.MapPost("/{code}/milestones/{id:int}/done", async (string carrier, string code, int id, MilestoneDoneInput input, RongtongDb db, CurrentScope scope, ProjectWork work, CancellationToken ct) =>
                MilestoneJson(await work.ReportMilestoneAsync(await FindAsync(db, scope, work, carrier, code, ct), id, input.DoneOn, ct)))
            .RequireAuthorization(Policies.ProjectsUpdate);

        g.MapPost("/{code}/milestones/{id:int}/approve", async (string carrier, string code, int id, RongtongDb db, CurrentScope scope, ProjectWork work, CancellationToken ct) =>
                MilestoneJson(await work.ApproveMilestoneAsync(await FindAsync(db, scope, work, carrier, code, ct), id, ct)))
            .RequireAuthorization(Policies.FundsWrite);

        // a photo or document of a progress update: by id through the store, never from a path the user chose
        g.MapGet("/{code}/files/{id:int}", async (string carrier, string code, int id, RongtongDb db, CurrentScope scope, ProjectWork work, IFileStore files, HttpContext http, CancellationToken ct) =>
            {
                var p = await FindAsync(db, scope, work, carrier, code, ct);
                var a = await db.Attachments.AsNoTracking()
                    .FirstOrDefaultAsync(x => x.Id == id && db.ProgressUpdates.Any(u => u.Id == x.ProgressUpdateId && u.SubProjectId == p.Id), ct) ?? throw new NotFoundException("file");
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.CacheControl = "private, max-age=86400";
                return a.IsPhoto ? Results.Stream(files.OpenRead(a.StoreKey), a.ContentType) : Results.File(files.OpenRead(a.StoreKey), a.ContentType, a.FileName);
            })
            .RequireAuthorization(Policies.ProjectsRead);
        return api;
    }

    private static async Task<SubProject> FindAsync(RongtongDb db, CurrentScope scope, ProjectWork work, string carrier, string code, CancellationToken ct) =>
        await work.FindAsync((await PerformanceModule.FindCarrierAsync(db, scope, carrier, ct)).Id, code, ct);

    private static object MilestoneJson(Milestone m) => new { m.Id, m.Name, dueOn = m.DueOn, state = m.State.ToString().ToLowerInvariant(), doneOn = m.DoneOn };

    public static object ToJson(ProjectDetail d, string carrier) => new
    {
        code = d.Project.Code, name = d.Project.Name, programme = d.Programme, unit = d.Unit, content = d.Project.Content,
        status = d.Project.Status.ToString().ToLowerInvariant(), startOn = d.Project.StartOn, endOn = d.Project.EndOn,
        totalInvestment = Money.ToWan(d.Project.TotalInvestmentFen), specialFund = Money.ToWan(d.Project.SpecialFundFen),
        allocated = Money.ToWan(d.AllocatedFen), disbursed = Money.ToWan(d.DisbursedFen),
        invested = d.InvestedFen is { } i ? Money.ToWan(i) : (decimal?)null, progress = d.Progress, sentence = d.Sentence(false),
        milestones = d.Milestones.Select(MilestoneJson),
        budget = d.Budget.Select(b => new { category = b.Category, item = b.Item, amount = Money.ToWan(b.AmountFen), specialFund = Money.ToWan(b.SpecialFundFen) }),
        updates = d.Updates.Select(u => new
        {
            on = u.Update.On, text = u.Update.Text, invested = u.Update.InvestedFen is { } v ? Money.ToWan(v) : (decimal?)null,
            statedPercent = u.Update.StatedPercent, computedPercent = u.Computed, contradicts = u.Contradicts,
            files = u.Files.Select(f => new { f.Id, name = f.FileName, type = f.ContentType, f.Size, f.Caption, url = $"/api/v1/carriers/{carrier}/projects/{d.Project.Code}/files/{f.Id}" }),
        }),
    };
}
