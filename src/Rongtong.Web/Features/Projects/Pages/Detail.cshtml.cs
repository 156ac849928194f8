using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Projects.Pages;

/// <summary>
/// One sub-project: figures, generated progress sentence, budget, milestones, its allocations, and the timeline of
/// progress updates with photos. The implementing unit's users report progress and milestones done here.
/// </summary>
[Authorize(Policy = Policies.ProjectsRead)]
public sealed class DetailModel(RongtongDb db, CurrentScope scope, ProjectWork work, ProjectDetails details) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";

    public Carrier Carrier { get; private set; } = null!;
    public ProjectDetail D { get; private set; } = null!;
    public List<Programme> Programmes { get; private set; } = [];
    /// <summary>The implementing unit field: its suggestions and the current unit (operators only).</summary>
    public List<string> Units { get; private set; } = [];
    public string? UnitLabel { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanUpdate { get; private set; }
    public string? Message { get; private set; }
    /// <summary>Which form was posted and refused (its fields keep what was typed).</summary>
    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message = Request.Query["done"].Count > 0 ? Loc.T("已保存。", "Saved.") : null;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostProgressAsync(DateOnly? on, string? text, decimal? invested, string? caption, List<IFormFile>? files, CancellationToken ct) =>
        ActAsync("progress", p => work.AddProgressAsync(p, on, text, invested,
            (files ?? []).Where(f => f.Length > 0).Select(f => new Upload(f.FileName, f.OpenReadStream, caption)).ToList(), ct), ct);

    public Task<IActionResult> OnPostMilestoneAsync(string? name, DateOnly? dueOn, CancellationToken ct) =>
        ActAsync("milestone", p => work.AddMilestoneAsync(p, name ?? "", dueOn, ct), ct);

    public Task<IActionResult> OnPostDoneAsync(int milestoneId, DateOnly? doneOn, CancellationToken ct) =>
        ActAsync("done", p => work.ReportMilestoneAsync(p, milestoneId, doneOn, ct), ct);

    public Task<IActionResult> OnPostApproveAsync(int milestoneId, CancellationToken ct) =>
        ActAsync("approve", p => work.ApproveMilestoneAsync(p, milestoneId, ct), ct);

    public Task<IActionResult> OnPostBudgetAsync(string? category, string? item, decimal? amount, decimal? specialFund, CancellationToken ct) =>
        ActAsync("budget", p => work.AddBudgetLineAsync(p, category ?? "", item ?? "", amount, specialFund, ct), ct);

    /// <summary>The form's unit field is text (EnterprisePicker); the form never posts an id.</summary>
    public Task<IActionResult> OnPostEditAsync(SubProjectInput input, CancellationToken ct) =>
        ActAsync("edit", p => work.SaveAsync(p.CarrierId, input with { Unit = input.Unit ?? "" }, p.Id, ct), ct);

    private async Task<IActionResult> ActAsync<T>(string form, Func<SubProject, Task<T>> act, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        // a value that did not parse keeps its own message (BindingMessages): the rules would only see an empty field
        if (!ModelState.IsValid)
        {
            Refused = form;
            return Page();
        }
        try
        {
            var r = await act(D.Project);
            var code = r is SubProject sp ? sp.Code : D.Project.Code;
            return Redirect($"/Projects/{Uri.EscapeDataString(code)}?done=1");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); Refused = form; }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await scope.CurrentCarrierAsync(db, ct);
        if (c is null) return false;
        Carrier = c;
        SubProject p;
        try { p = await work.FindAsync(c.Id, Code, ct); }
        catch (NotFoundException) { return false; }
        D = await details.HandleAsync(p, ct);
        CanManage = work.CanManage(p);
        CanUpdate = work.CanUpdate(p);
        if (CanManage)
        {
            Programmes = await db.Programmes.AsNoTracking().Where(g => g.CarrierId == c.Id).OrderBy(g => g.SortOrder).ToListAsync(ct);
            Units = await ProjectList.UnitSuggestionsAsync(db, c.Id, ct);
            UnitLabel = await EnterprisePicker.LabelOfAsync(db, p.UnitId, ct);
        }
        return true;
    }

    /// <summary>What was typed into a field of the refused form, else the current value.</summary>
    public string? Posted(string form, string field, string? current = null) =>
        Refused == form && Request.HasFormContentType ? Request.Form[field].ToString() : current;

    public string FileUrl(int id) => $"/api/v1/carriers/{Carrier.Code}/projects/{Uri.EscapeDataString(D.Project.Code)}/files/{id}";

    public static string StateLabel(MilestoneState s) => s switch
    {
        MilestoneState.Open => Loc.T("未完成", "Open"),
        MilestoneState.Reported => Loc.T("已报完成，待验收", "Reported done"),
        _ => Loc.T("已验收", "Approved"),
    };
}
