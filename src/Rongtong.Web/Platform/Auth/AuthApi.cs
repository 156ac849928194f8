using Microsoft.AspNetCore.Identity;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Platform.Auth;

public static class AuthApi
{
    public sealed record TokenRequest(string UserName, string Password);

    /// <summary>POST /api/v1/auth/token — exchanges a user name and password for a bearer token (lockout applies).</summary>
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", async (TokenRequest req, SignInManager<AppUser> signIn, UserManager<AppUser> users) =>
            {
                var user = await users.FindByNameAsync(req.UserName ?? "");
                if (user is null) return Results.Problem(statusCode: 401, title: Loc.T("用户名或密码错误", "Wrong user name or password"));
                var r = await signIn.CheckPasswordSignInAsync(user, req.Password ?? "", lockoutOnFailure: true);
                if (r.IsLockedOut) return Results.Problem(statusCode: 423, title: Loc.T("账户已锁定，请稍后再试", "The account is locked; try again later"));
                if (!r.Succeeded) return Results.Problem(statusCode: 401, title: Loc.T("用户名或密码错误", "Wrong user name or password"));
                var principal = await signIn.CreateUserPrincipalAsync(user);
                return Results.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .AllowAnonymous().WithTags("Auth");
        return api;
    }
}
