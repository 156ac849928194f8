using Microsoft.AspNetCore.Identity;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Platform.Auth;

/// <summary>The roles of DESIGN.md §1.</summary>
public static class Roles
{
    public const string Authority = "Authority";
    public const string Operator = "Operator";
    public const string LeadingEnterprise = "LeadingEnterprise";
    public const string Enterprise = "Enterprise";
    public const string ServiceProvider = "ServiceProvider";
    public const string Bank = "Bank";
    public const string Expert = "Expert";

    public static readonly string[] All = [Authority, Operator, LeadingEnterprise, Enterprise, ServiceProvider, Bank, Expert];

    /// <summary>Roles whose user acts for one enterprise of the registry.</summary>
    public static readonly string[] EnterpriseBound = [LeadingEnterprise, Enterprise];

    /// <summary>Creates the roles that do not exist yet (start-up and the demo seed).</summary>
    public static async Task EnsureAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var r in All)
            if (!await roles.RoleExistsAsync(r)) await roles.CreateAsync(new IdentityRole(r));
    }

    public static string Label(string role) => role switch
    {
        Authority => Loc.T("主管部门", "Authority"),
        Operator => Loc.T("载体运营方", "Operator"),
        LeadingEnterprise => Loc.T("龙头企业", "Leading enterprise"),
        Enterprise => Loc.T("中小企业", "SME"),
        ServiceProvider => Loc.T("服务机构", "Service provider"),
        Bank => Loc.T("金融机构", "Financial institution"),
        Expert => Loc.T("专家/导师", "Expert/mentor"),
        _ => role,
    };
}

/// <summary>A user. Operators and enterprise-side users belong to one carrier; an authority's carriers are in AuthorityScope.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? CarrierId { get; set; }
    /// <summary>For LeadingEnterprise and Enterprise users: the enterprise they act for.</summary>
    public int? EnterpriseId { get; set; }
    public string? PreferredCulture { get; set; }
}

/// <summary>Which carriers an authority user may read.</summary>
public sealed class AuthorityScope
{
    public string UserId { get; set; } = "";
    public int CarrierId { get; set; }
}

/// <summary>An operator's invitation: the invitee sets a password with the token (stored hashed) before it expires.</summary>
public sealed class Invitation
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public int? EnterpriseId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public string InvitedBy { get; set; } = "";
}
