using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Admin;

/// <summary>用户管理 — the carrier's users and pending invitations; invite a user.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class UsersModel(RongtongDb db, CurrentScope scope, InviteUser invite) : PageModel
{
    public sealed record UserRow(string UserName, string DisplayName, string Role, string? Enterprise, bool LockedOut);

    [BindProperty] public InviteInput Input { get; set; } = new();
    public List<UserRow> Users { get; private set; } = [];
    public List<Invitation> Pending { get; private set; } = [];
    public string? InvitationLink { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // a value that did not parse (an unknown role) keeps its own message (BindingMessages)
        if (ModelState.IsValid)
        {
            try
            {
                var token = await invite.InviteAsync(Input, ct);
                InvitationLink = $"{Request.Scheme}://{Request.Host}/Account/AcceptInvite?token={Uri.EscapeDataString(token)}";
                Input = new InviteInput();
            }
            catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var carrierId = scope.HomeCarrierId;
        var now = DateTime.UtcNow;
        var rows = await (from u in db.Users.AsNoTracking()
                          where u.CarrierId == carrierId
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          join e in db.Enterprises on u.EnterpriseId equals e.Id into es
                          from e in es.DefaultIfEmpty()
                          orderby u.UserName
                          select new { u.UserName, u.DisplayName, Role = r.Name, Enterprise = e == null ? null : e.Name, u.LockoutEnd })
            .ToListAsync(ct);
        Users = rows.Select(r => new UserRow(r.UserName!, r.DisplayName, r.Role!, r.Enterprise, r.LockoutEnd > DateTimeOffset.UtcNow)).ToList();
        Pending = await db.Invitations.AsNoTracking().Where(i => i.CarrierId == carrierId && i.AcceptedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
    }
}
