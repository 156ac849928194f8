using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Integration.Pages.Demands;

/// <summary>需求榜单 — open demands of the carrier's leading enterprises, those awaiting review, and the form to post one.</summary>
[Authorize(Policy = Policies.DealsRead)]
public sealed class IndexModel(RongtongDb db, CurrentScope scope, DemandWork work) : PageModel
{
    public Carrier Carrier { get; private set; } = null!;
    public List<(Demand Demand, string LeadingName, int? Answers)> Rows { get; private set; } = [];
    public bool CanPost { get; private set; }
    public bool Refused { get; private set; }
    public bool TakesAnswers(Demand d) => work.TakesAnswers(d);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(DemandInput input, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (ModelState.IsValid)
        {
            try
            {
                var d = await work.PostAsync(Carrier.Id, input, ct);
                return Redirect($"/Integration/Demands/{d.Id}?done=1");
            }
            catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        }
        Refused = true;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await scope.CurrentCarrierAsync(db, ct);
        if (c is null) return false;
        Carrier = c;
        Rows = await work.ListAsync(c.Id, ct);
        var ownIsLeading = scope.EnterpriseId is { } e && await db.Enterprises.AnyAsync(x => x.Id == e && x.ChainRole == ChainRole.Leading, ct);
        CanPost = work.CanPost(c.Id, ownIsLeading);
        return true;
    }

    public string? Posted(string field) => Refused && Request.HasFormContentType ? Request.Form[field].ToString() : null;

    public static string StateLabel(DemandState s) => s switch
    {
        DemandState.Submitted => Loc.T("待审核", "Awaiting review"),
        DemandState.Open => Loc.T("揭榜中", "Open"),
        DemandState.Rejected => Loc.T("已退回", "Rejected"),
        _ => Loc.T("已关闭", "Closed"),
    };

    public static string StateClass(DemandState s) => s switch { DemandState.Open => "st-met", DemandState.Rejected => "st-missed", _ => "st-no_actual" };
}
