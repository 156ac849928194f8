using Microsoft.AspNetCore.Authorization;

namespace Rongtong.Web.Platform.Auth;

/// <summary>
/// Every page and endpoint names one of these (or is explicitly anonymous); a test fails otherwise.
/// Scope (which carrier, which enterprise) is checked by the handlers through <see cref="CurrentScope"/>.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user.</summary>
    public const string SignedIn = "signed-in";
    /// <summary>Read the carrier's registry (all enterprises).</summary>
    public const string RegistryRead = "registry-read";
    /// <summary>Create, edit, import enterprises.</summary>
    public const string RegistryWrite = "registry-write";
    /// <summary>File yearly figures: the operator, or an enterprise user for its own enterprise.</summary>
    public const string FileFigures = "file-figures";
    /// <summary>Invite users, read the audit log.</summary>
    public const string Administer = "administer";
    public const string AuditRead = "audit-read";
    /// <summary>Read the carrier's indicators, evaluation, findings and reports.</summary>
    public const string PerformanceRead = "performance-read";
    /// <summary>Enter indicator values, submit periods, edit report narratives, take report snapshots.</summary>
    public const string PerformanceWrite = "performance-write";
    /// <summary>Return single values, approve periods.</summary>
    public const string PerformanceReview = "performance-review";
    /// <summary>Read the carrier's fund ledger.</summary>
    public const string FundsRead = "funds-read";
    /// <summary>Record batches, allocations, disbursements and reversals.</summary>
    public const string FundsWrite = "funds-write";
    /// <summary>Read sub-projects: the operator and authority all of the carrier's, an implementing unit's user its own.</summary>
    public const string ProjectsRead = "projects-read";
    /// <summary>Report progress and milestones done (the handler narrows it to the operator and the implementing unit).</summary>
    public const string ProjectsUpdate = "projects-update";
    /// <summary>Read deals between leading enterprises and SMEs: the operator and authority all of the carrier's, an enterprise's user those it is a side of.</summary>
    public const string DealsRead = "deals-read";
    /// <summary>Record and confirm deals (the handler narrows it: the operator, or a side of the deal; voiding is the operator's).</summary>
    public const string DealsWrite = "deals-write";
    /// <summary>Edit the indicator catalogue.</summary>
    public const string CatalogueWrite = "catalogue-write";
    /// <summary>
    /// Scrape <c>/metrics</c>: a request from this machine or from a network of <c>Metrics:AllowFrom</c> (CIDRs,
    /// comma-separated; a scraper does not sign in), or a signed-in operator or authority. The counters name routes,
    /// sign-in failures and exception types: not for anyone on the internet.
    /// </summary>
    public const string Metrics = "metrics";

    public static void Configure(AuthorizationOptions o, IConfiguration config)
    {
        var networks = (config["Metrics:AllowFrom"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(System.Net.IPNetwork.Parse).ToArray();
        o.AddPolicy(Metrics, p => p.RequireAssertion(ctx => ctx.User.IsInRole(Roles.Operator) || ctx.User.IsInRole(Roles.Authority)
            || (ctx.Resource is HttpContext { Connection.RemoteIpAddress: { } ip } && Scraper(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip, networks))));
        o.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        o.AddPolicy(RegistryRead, p => p.RequireRole(Roles.Authority, Roles.Operator));
        o.AddPolicy(RegistryWrite, p => p.RequireRole(Roles.Operator));
        o.AddPolicy(FileFigures, p => p.RequireRole(Roles.Operator, Roles.LeadingEnterprise, Roles.Enterprise));
        o.AddPolicy(Administer, p => p.RequireRole(Roles.Operator));
        o.AddPolicy(AuditRead, p => p.RequireRole(Roles.Operator, Roles.Authority));
        o.AddPolicy(PerformanceRead, p => p.RequireRole(Roles.Operator, Roles.Authority));
        o.AddPolicy(PerformanceWrite, p => p.RequireRole(Roles.Operator));
        o.AddPolicy(PerformanceReview, p => p.RequireRole(Roles.Authority));
        o.AddPolicy(FundsRead, p => p.RequireRole(Roles.Operator, Roles.Authority));
        o.AddPolicy(FundsWrite, p => p.RequireRole(Roles.Operator));
        o.AddPolicy(ProjectsRead, p => p.RequireRole(Roles.Operator, Roles.Authority, Roles.LeadingEnterprise, Roles.Enterprise));
        o.AddPolicy(ProjectsUpdate, p => p.RequireRole(Roles.Operator, Roles.LeadingEnterprise, Roles.Enterprise));
        o.AddPolicy(DealsRead, p => p.RequireRole(Roles.Operator, Roles.Authority, Roles.LeadingEnterprise, Roles.Enterprise));
        o.AddPolicy(DealsWrite, p => p.RequireRole(Roles.Operator, Roles.LeadingEnterprise, Roles.Enterprise));
        o.AddPolicy(CatalogueWrite, p => p.RequireRole(Roles.Authority));
        o.FallbackPolicy = o.GetPolicy(SignedIn);
    }

    private static bool Scraper(System.Net.IPAddress ip, System.Net.IPNetwork[] networks) =>
        System.Net.IPAddress.IsLoopback(ip) || networks.Any(n => n.Contains(ip));
}
