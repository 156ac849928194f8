using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rongtong.Web.Platform.Auth;

namespace Rongtong.Web.Features.Account;

/// <summary>
/// Sign-out. The layout's sign-out form carries no antiforgery token (minting one on every page cost ~8 % of a page);
/// a cross-site POST is refused instead by its Origin (or Referer) not being this site, and the auth cookie is
/// SameSite=Lax, so another site's form arrives signed out anyway.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[IgnoreAntiforgeryToken]
public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (!SameOrigin(Request)) return BadRequest();
        await signIn.SignOutAsync();
        return Redirect("/Account/Login");
    }

    /// <summary>True when the request's Origin — or, without one, its Referer — is this host (browsers send one of them on a form POST).</summary>
    public static bool SameOrigin(HttpRequest request)
    {
        var source = request.Headers.Origin.ToString();
        if (source.Length == 0 || source == "null") source = request.Headers.Referer.ToString();
        // the authority only: behind a TLS-terminating proxy the scheme seen here is not the browser's
        return Uri.TryCreate(source, UriKind.Absolute, out var uri)
               && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
