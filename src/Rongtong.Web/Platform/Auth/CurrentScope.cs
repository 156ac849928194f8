using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Platform.Auth;

/// <summary>Claim types the platform adds at sign-in.</summary>
public static class ScopeClaims
{
    public const string Carrier = "rt:carrier";
    public const string Carriers = "rt:carriers";
    public const string Enterprise = "rt:enterprise";
    public const string DisplayName = "rt:name";
}

/// <summary>Adds carrier, readable carriers and enterprise to the principal, so that a request needs no extra query for its scope.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, RongtongDb db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(ScopeClaims.DisplayName, user.DisplayName));
        if (user.CarrierId is { } c) id.AddClaim(new Claim(ScopeClaims.Carrier, c.ToString()));
        if (user.EnterpriseId is { } e) id.AddClaim(new Claim(ScopeClaims.Enterprise, e.ToString()));
        var scope = await db.AuthorityScopes.Where(s => s.UserId == user.Id).Select(s => s.CarrierId).ToListAsync();
        if (user.CarrierId is { } home && !scope.Contains(home)) scope.Add(home);
        id.AddClaim(new Claim(ScopeClaims.Carriers, string.Join(",", scope.Order())));
        return id;
    }
}

/// <summary>
/// What the caller may see: which carriers, which enterprise. Every handler asks this, never the raw principal.
/// </summary>
public sealed class CurrentScope
{
    public const string SelectedCarrierCookie = ".Rongtong.Carrier";

    public CurrentScope(IHttpContextAccessor http)
    {
        var ctx = http.HttpContext;
        User = ctx?.User ?? new ClaimsPrincipal();
        UserId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        UserName = User.Identity?.Name ?? "";
        DisplayName = User.FindFirstValue(ScopeClaims.DisplayName) ?? UserName;
        HomeCarrierId = int.TryParse(User.FindFirstValue(ScopeClaims.Carrier), out var c) ? c : null;
        EnterpriseId = int.TryParse(User.FindFirstValue(ScopeClaims.Enterprise), out var e) ? e : null;
        CarrierIds = (User.FindFirstValue(ScopeClaims.Carriers) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var selected = int.TryParse(ctx?.Request.Cookies[SelectedCarrierCookie], out var s) ? s : (int?)null;
        CarrierId = selected is { } sel && CarrierIds.Contains(sel) ? sel : HomeCarrierId ?? CarrierIds.FirstOrDefault();
    }

    public ClaimsPrincipal User { get; }
    public string? UserId { get; }
    public string UserName { get; }
    public string DisplayName { get; }
    public int? HomeCarrierId { get; }
    public int? EnterpriseId { get; }
    /// <summary>Carriers this user may read.</summary>
    public int[] CarrierIds { get; }
    /// <summary>The carrier the user is working in now (an authority switches between its carriers).</summary>
    public int CarrierId { get; }

    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;
    public bool IsOperator => User.IsInRole(Roles.Operator);
    public bool IsAuthority => User.IsInRole(Roles.Authority);
    public bool IsEnterpriseUser => Roles.EnterpriseBound.Any(User.IsInRole);
    public bool CanReadRegistry => IsOperator || IsAuthority;

    /// <summary>May this user read the private data of this enterprise?</summary>
    public bool CanSee(Enterprise e) =>
        (CanReadRegistry && CarrierIds.Contains(e.CarrierId)) || (EnterpriseId == e.Id);

    /// <summary>May this user change this enterprise's master data?</summary>
    public bool CanEdit(Enterprise e) => IsOperator && HomeCarrierId == e.CarrierId;

    /// <summary>May this user file yearly figures for this enterprise?</summary>
    public bool CanFile(Enterprise e) => CanEdit(e) || (IsEnterpriseUser && EnterpriseId == e.Id);

    /// <summary>The carrier the user is working in now, or null when it has none.</summary>
    public Task<Carrier?> CurrentCarrierAsync(RongtongDb db, CancellationToken ct = default) =>
        db.Carriers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == CarrierId && CarrierIds.Contains(c.Id), ct);

    /// <summary>Loads an enterprise by credit code or id, or throws NotFound when absent or outside the scope.</summary>
    public async Task<Enterprise> FindVisibleAsync(RongtongDb db, string key, CancellationToken ct = default)
    {
        var code = Features.Registry.Rules.CreditCode.Normalize(key);
        var e = int.TryParse(key, out var id) && key.Length < 18
            ? await db.Enterprises.FirstOrDefaultAsync(x => x.Id == id, ct)
            : await db.Enterprises.FirstOrDefaultAsync(x => x.CreditCode == code, ct);
        if (e is null || !CanSee(e)) throw new NotFoundException("enterprise");
        return e;
    }
}
