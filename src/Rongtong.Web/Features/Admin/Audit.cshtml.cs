using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Admin;

/// <summary>审计日志 — the append-only change log of the current carrier and of the shared catalogue, newest first, filterable.</summary>
[Authorize(Policy = Policies.AuditRead)]
public sealed class AuditModel(RongtongDb db, CurrentScope scope) : PageModel
{
    public const int PageSize = 50;
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    public List<AuditEntry> Rows { get; private set; } = [];
    public List<string> Entities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var carrierId = scope.CarrierId;
        // the catalogue's changes (filed under no carrier, IPlatformWide) change every carrier's evaluation
        var q = db.AuditEntries.AsNoTracking().Where(a => a.CarrierId == carrierId || a.CarrierId == null);
        Entities = await q.Select(a => a.Entity).Distinct().OrderBy(e => e).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(Entity)) q = q.Where(a => a.Entity == Entity);
        if (!string.IsNullOrWhiteSpace(Actor)) q = q.Where(a => a.Actor == Actor);
        if (!string.IsNullOrWhiteSpace(Q)) q = q.Where(a => a.EntityLabel != null && a.EntityLabel.Contains(Q.Trim()));
        if (Before is { } b) q = q.Where(a => a.Id < b);
        Rows = await q.OrderByDescending(a => a.Id).Take(PageSize).ToListAsync(ct);
    }
}
