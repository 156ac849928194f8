using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features;

/// <summary>The carrier home page: the registry's headline figures.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(RegistryHeadlines headlines, CurrentScope scope, RongtongDb db) : PageModel
{
    public RegistryHeadlines.Figures? Figures { get; private set; }
    public List<Carrier> Carriers { get; private set; } = [];
    public Enterprise? MyEnterprise { get; private set; }
    public bool ShowRegistry => scope.CanReadRegistry;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Figures = await headlines.HandleAsync(ct);
        Carriers = await db.Carriers.AsNoTracking().Where(c => scope.CarrierIds.Contains(c.Id)).OrderBy(c => c.Name).ToListAsync(ct);
        if (scope.EnterpriseId is { } id) MyEnterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
    }

    public IActionResult OnPostCarrier(int carrierId)
    {
        if (scope.CarrierIds.Contains(carrierId))
            Response.Cookies.Append(CurrentScope.SelectedCarrierCookie, carrierId.ToString(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        return RedirectToPage();
    }
}
