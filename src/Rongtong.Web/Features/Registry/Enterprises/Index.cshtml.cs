using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Auth;

namespace Rongtong.Web.Features.Registry.Enterprises;

/// <summary>企业列表: search by name or credit code, filter by industry, size, status, chain role and qualification.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(SearchEnterprises search, CurrentScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public SizeClass? Size { get; set; }
    [BindProperty(SupportsGet = true)] public IncubationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public ChainRole? Role { get; set; }
    [BindProperty(SupportsGet = true)] public QualificationKind? Qualification { get; set; }
    [BindProperty(SupportsGet = true)] public bool? InZone { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNo { get; set; } = 1;

    public EnterprisePage Result { get; private set; } = new([], 0, false, 1, 20);
    public bool CanWrite => scope.IsOperator;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await search.HandleAsync(new EnterpriseFilter
        {
            Q = Q, Industry = Industry, Size = Size, Status = Status, Role = Role, Qualification = Qualification, InZone = InZone, Page = PageNo,
        }, ct);
    }

    /// <summary>The current query with one parameter changed (for pager links).</summary>
    public string With(string key, string? value)
    {
        var q = Request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        if (value is null) q.Remove(key); else q[key] = value;
        return "?" + string.Join("&", q.Where(kv => kv.Value.Length > 0).Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
    }
}
