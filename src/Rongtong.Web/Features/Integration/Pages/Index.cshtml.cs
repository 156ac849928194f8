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

namespace Rongtong.Web.Features.Integration.Pages;

/// <summary>融通交易 — the deals of the carrier (or of the user's enterprise), their yearly totals, recording, confirming, voiding.</summary>
[Authorize(Policy = Policies.DealsRead)]
public sealed class IndexModel(RongtongDb db, CurrentScope scope, DealWork work) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public DealState? State { get; set; }

    public Carrier Carrier { get; private set; } = null!;
    public List<DealRow> Rows { get; private set; } = [];
    /// <summary>Per year of the deals shown: confirmed amount and count, and the leading enterprises that have dealt by its end.</summary>
    public List<DealYear> Years { get; private set; } = [];
    public List<string> LeadingSuggestions { get; private set; } = [];
    public List<string> SmeSuggestions { get; private set; } = [];
    /// <summary>The side an enterprise user records for: its own enterprise, fixed in the form.</summary>
    public string? OwnLabel { get; private set; }
    public bool OwnIsLeading { get; private set; }
    public bool CanRecord => work.CanRecord(Carrier.Id);
    public bool IsOperator => work.IsOperatorOf(Carrier.Id);
    public bool CanConfirm(Deal d) => work.CanConfirm(d);
    public bool CanVoid(Deal d) => work.CanVoid(d);
    public bool OwnOnly => !scope.CanReadRegistry;
    public string? Message { get; private set; }
    /// <summary>Which form was refused (its fields keep what was typed), and for which deal.</summary>
    public string? Refused { get; private set; }
    public int? RefusedDeal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message = Request.Query["done"].Count > 0 ? Loc.T("已保存。", "Saved.") : null;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostRecordAsync(DealInput input, CancellationToken ct) =>
        ActAsync("record", null, () => work.RecordAsync(Carrier.Id, OwnLabel is null ? input : OwnIsLeading ? input with { Leading = OwnLabel } : input with { Sme = OwnLabel }, ct), ct);

    public Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct) => ActAsync("confirm", id, () => work.ConfirmAsync(Carrier.Id, id, ct), ct);

    public Task<IActionResult> OnPostVoidAsync(int id, string? reason, CancellationToken ct) => ActAsync("void", id, () => work.VoidAsync(Carrier.Id, id, reason, ct), ct);

    private async Task<IActionResult> ActAsync(string form, int? deal, Func<Task<Deal>> act, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        // a value that did not parse keeps its own message (BindingMessages): the rules would only see an empty field
        if (ModelState.IsValid)
        {
            try
            {
                var d = await act();
                return Redirect($"/Integration?year={(form == "record" ? d.SignedOn.Year : Year)}&state={State}&done=1");
            }
            catch (NotFoundException) { return NotFound(); }
            catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        }
        (Refused, RefusedDeal) = (form, deal);
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await scope.CurrentCarrierAsync(db, ct);
        if (c is null) return false;
        Carrier = c;
        Years = await work.YearsAsync(c.Id, ct);
        // without a year asked for, the latest year's deals (a carrier's whole history would make a long page); "all" is year=
        if (!Request.Query.ContainsKey("year") && !Request.HasFormContentType && Years.Count > 0) Year = Years[0].Year;
        Rows = await work.ListAsync(c.Id, Year, State, ct: ct);
        if (CanRecord)
        {
            if (!IsOperator && scope.EnterpriseId is { } own)
            {
                var e = await db.Enterprises.AsNoTracking().Where(x => x.Id == own).Select(x => new { x.Name, x.CreditCode, x.ChainRole }).FirstAsync(ct);
                OwnLabel = EnterprisePicker.Label(e.Name, e.CreditCode);
                OwnIsLeading = e.ChainRole == ChainRole.Leading;
            }
            LeadingSuggestions = await work.LeadingSuggestionsAsync(c.Id, ct);
            SmeSuggestions = await work.SmeSuggestionsAsync(c.Id, ct);
        }
        return true;
    }

    /// <summary>What was typed into a field of the refused form.</summary>
    public string? Posted(string form, string field) => Refused == form && Request.HasFormContentType ? Request.Form[field].ToString() : null;

    public static string KindLabel(DealKind k) => k switch
    {
        DealKind.Procurement => Loc.T("采购订单", "Procurement"),
        DealKind.Technology => Loc.T("技术合作", "Technology"),
        DealKind.Capacity => Loc.T("产能协作", "Capacity"),
        _ => Loc.T("服务外包", "Services"),
    };

    public static string StateLabel(DealState s) => s switch
    {
        DealState.Pending => Loc.T("待龙头企业确认", "Awaiting confirmation"),
        DealState.Confirmed => Loc.T("已确认", "Confirmed"),
        _ => Loc.T("已作废", "Voided"),
    };
}
