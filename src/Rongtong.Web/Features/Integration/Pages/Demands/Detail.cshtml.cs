using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Integration.Pages.Demands;

/// <summary>One demand: its description, the operator's review, an SME's answer, and the answers the publisher selects from.</summary>
[Authorize(Policy = Policies.DealsRead)]
public sealed class DetailModel(RongtongDb db, CurrentScope scope, DemandWork work) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public Carrier Carrier { get; private set; } = null!;
    public DemandView V { get; private set; } = null!;
    public bool CanReview { get; private set; }
    public bool CanSelect { get; private set; }
    /// <summary>An SME's user that has not answered yet, while the demand takes answers.</summary>
    public bool CanAnswer { get; private set; }
    public string? Message { get; private set; }
    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Request.Query["done"].Count > 0)
            Message = V.Demand.State == DemandState.Submitted ? Loc.T("已提交，待载体运营方审核后发布。", "Submitted: the carrier's operator publishes it after review.") : Loc.T("已保存。", "Saved.");
        return Page();
    }

    // two handlers, not one with a button value: Enter in the note field submits the form's first button
    public Task<IActionResult> OnPostPublishAsync(string? note, CancellationToken ct) => ActAsync("review", () => work.ReviewAsync(Carrier.Id, Id, true, note, ct), ct);
    public Task<IActionResult> OnPostRejectAsync(string? note, CancellationToken ct) => ActAsync("reject", () => work.ReviewAsync(Carrier.Id, Id, false, note, ct), ct);
    public Task<IActionResult> OnPostAnswerAsync(AnswerInput input, CancellationToken ct) => ActAsync("answer", () => work.AnswerAsync(Carrier.Id, Id, input, ct), ct);
    public Task<IActionResult> OnPostSelectAsync(SelectInput input, CancellationToken ct) => ActAsync("select", () => work.SelectAsync(Carrier.Id, Id, input, ct), ct);

    private async Task<IActionResult> ActAsync<T>(string form, Func<Task<T>> act, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (ModelState.IsValid)
        {
            try
            {
                await act();
                return Redirect($"/Integration/Demands/{Id}?done=1");
            }
            catch (NotFoundException) { return NotFound(); }
            catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        }
        Refused = form;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await scope.CurrentCarrierAsync(db, ct);
        if (c is null) return false;
        Carrier = c;
        try { V = await work.ViewAsync(c.Id, Id, ct); }
        catch (NotFoundException) { return false; }
        CanReview = work.CanReview(V.Demand);
        CanSelect = work.CanSelect(V.Demand) && V.Answers.Count > 0;
        CanAnswer = V.TakesAnswers && scope.IsEnterpriseUser && scope.EnterpriseId is { } own && V.Answers.All(a => a.SmeId != own)
            && await db.Enterprises.AnyAsync(e => e.Id == own && e.ChainRole != ChainRole.Leading && e.SizeClass != Registry.Rules.SizeClass.Large, ct);
        return true;
    }

    public string? Posted(string form, string field) => Refused == form && Request.HasFormContentType ? Request.Form[field].ToString() : null;

    public static string AnswerLabel(AnswerState s) => s switch
    {
        AnswerState.Submitted => Loc.T("已揭榜", "Submitted"),
        AnswerState.Selected => Loc.T("已选定", "Selected"),
        _ => Loc.T("未选定", "Not selected"),
    };
}
