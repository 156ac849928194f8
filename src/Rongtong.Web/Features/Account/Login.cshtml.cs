using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<AppUser> signIn) : PageModel
{
    public sealed class InputModel
    {
        public string UserName { get; set; } = "";
        public string Password { get; set; } = "";
        public bool Remember { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName) || string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("", Loc.T("请输入用户名和密码", "Enter your user name and password"));
            return Page();
        }
        var r = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, Input.Remember, lockoutOnFailure: true);
        if (r.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError("", r.IsLockedOut
            ? Loc.T("连续登录失败次数过多，账户已锁定15分钟", "Too many failed attempts: the account is locked for 15 minutes")
            : Loc.T("用户名或密码错误", "Wrong user name or password"));
        return Page();
    }
}
