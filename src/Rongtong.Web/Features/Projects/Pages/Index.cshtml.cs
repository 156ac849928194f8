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

/// <summary>子项目 — the list by 工程 with computed progress; the operator adds sub-projects here.</summary>
[Authorize(Policy = Policies.ProjectsRead)]
public sealed class IndexModel(RongtongDb db, CurrentScope scope, ProjectList list, ProjectWork work) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public SubProjectStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public Carrier Carrier { get; private set; } = null!;
    public List<ProjectRow> Rows { get; private set; } = [];
    public List<Programme> Programmes { get; private set; } = [];
    /// <summary>The implementing unit field's suggestions (operators only).</summary>
    public List<string> Units { get; private set; } = [];
    public bool CanManage => scope.IsOperator && scope.HomeCarrierId == Carrier.Id;
    public bool OwnOnly => !scope.CanReadRegistry;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>The form's unit field is text (EnterprisePicker); the form never posts an id.</summary>
    public async Task<IActionResult> OnPostCreateAsync(SubProjectInput input, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !CanManage) return NotFound();
        // a value that did not parse keeps its own message (BindingMessages): the rules would only see an empty field
        if (!ModelState.IsValid) return Page();
        try
        {
            var p = await work.SaveAsync(Carrier.Id, input with { Unit = input.Unit ?? "" }, null, ct);
            return Redirect($"/Projects/{Uri.EscapeDataString(p.Code)}?done=1");
        }
        catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await scope.CurrentCarrierAsync(db, ct);
        if (c is null) return false;
        Carrier = c;
        Programmes = await db.Programmes.AsNoTracking().Where(g => g.CarrierId == c.Id).OrderBy(g => g.SortOrder).ToListAsync(ct);
        var rows = await list.HandleAsync(c.Id, ct: ct);
        var q = Q?.Trim();
        var code = Programmes.FirstOrDefault(g => g.Id == Programme)?.Code;
        Rows = rows.Where(r => (Programme is null || r.ProgrammeCode == code) && (Status is null || r.Status == Status)
            && (string.IsNullOrEmpty(q) || r.Name.Contains(q, StringComparison.OrdinalIgnoreCase) || r.Code.Contains(q, StringComparison.OrdinalIgnoreCase) || (r.Unit?.Contains(q) ?? false))).ToList();
        if (CanManage)
            Units = await ProjectList.UnitSuggestionsAsync(db, c.Id, ct);
        return true;
    }

    public static string StatusLabel(SubProjectStatus s) => s switch
    {
        SubProjectStatus.Planned => Loc.T("未开工", "Planned"),
        SubProjectStatus.Running => Loc.T("实施中", "Running"),
        SubProjectStatus.Completed => Loc.T("已完成", "Completed"),
        _ => Loc.T("暂停", "Suspended"),
    };
}
