using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Account;

/// <summary>接受邀请 — set a password with the one-time token and sign in.</summary>
[AllowAnonymous]
public sealed class AcceptInviteModel(InviteUser invite, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string Confirm { get; set; } = "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        if (Password != Confirm)
        {
            ModelState.AddModelError("Confirm", Loc.T("两次输入的密码不一致", "The passwords do not match"));
            return Page();
        }
        try
        {
            var user = await invite.AcceptAsync(Token, Password, ct);
            await signIn.SignInAsync(user, isPersistent: false);
            return Redirect("/");
        }
        catch (ValidationFailedException ex)
        {
            foreach (var e in ex.Errors) ModelState.AddModelError(e.Field, e.Message);
            return Page();
        }
    }
}
