using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Registry.Enterprises;

/// <summary>新增/编辑企业 — one form for both; validation and saving are in <see cref="SaveEnterprise"/>.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class EditModel(SaveEnterprise save, CurrentScope scope, RongtongDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    [BindProperty] public EnterpriseInput Input { get; set; } = new();
    public List<(string Code, string Name)> Leaders { get; private set; } = [];
    public IReadOnlyList<FieldError> Warnings { get; private set; } = [];
    public bool IsNew => Key is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Key is not null)
        {
            if (await EditableAsync(ct) is not { } e) return NotFound();
            var parent = e.SpawnedById is { } pid ? await db.Enterprises.Where(x => x.Id == pid).Select(x => x.CreditCode).FirstOrDefaultAsync(ct) : null;
            Input = new EnterpriseInput
            {
                CreditCode = e.CreditCode, Name = e.Name, IndustryCode = e.IndustryCode, Address = e.Address, InZone = e.InZone,
                ChainRole = e.ChainRole, SpawnedBy = parent, Incubation = e.Incubation, ResidentSince = e.ResidentSince,
                GraduatedOn = e.GraduatedOn, MovedOutOn = e.MovedOutOn, Listing = e.Listing, ListedOn = e.ListedOn, Version = e.Version,
            };
        }
        await LoadLeadersAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // a value that did not parse keeps its own message (BindingMessages): the rules would only see an empty field
        if (!ModelState.IsValid)
        {
            if (Key is not null && await EditableAsync(ct) is null) return NotFound();
            await LoadLeadersAsync(ct);
            return Page();
        }
        try
        {
            var r = await save.HandleAsync(Key, Input, ct);
            var warn = r.Warnings.Count > 0 ? "&warn=" + Uri.EscapeDataString(string.Join("；", r.Warnings.Select(w => w.Message))) : "";
            return Redirect($"/Registry/Enterprises/{r.Enterprise.CreditCode}?saved=1{warn}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        catch (ConflictException ex) { ModelState.AddModelError("", Loc.IsEnglish ? ex.MessageEn : ex.MessageZh); }
        await LoadLeadersAsync(ct);
        return Page();
    }

    /// <summary>The enterprise of <see cref="Key"/> if this user may edit it, else null.</summary>
    private async Task<Enterprise?> EditableAsync(CancellationToken ct)
    {
        try
        {
            var e = await scope.FindVisibleAsync(db, Key!, ct);
            return scope.CanEdit(e) ? e : null;
        }
        catch (NotFoundException) { return null; }
    }

    private async Task LoadLeadersAsync(CancellationToken ct)
    {
        var carrierId = scope.HomeCarrierId;
        Leaders = (await db.Enterprises.AsNoTracking().Where(e => e.CarrierId == carrierId && e.ChainRole == ChainRole.Leading)
                .OrderBy(e => e.Name).Select(e => new { e.CreditCode, e.Name }).ToListAsync(ct))
            .Select(x => (x.CreditCode, x.Name)).ToList();
    }
}
