using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Rongtong.Web.Platform.Auth;

namespace Rongtong.Tests.Support;

/// <summary>The request scope of a signed-in user, for handlers called outside the web app.</summary>
public static class Scopes
{
    public static CurrentScope Operator(int carrierId) => new(new HttpContextAccessor
    {
        HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([
                new(ClaimTypes.Name, "op"), new(ClaimTypes.Role, Roles.Operator),
                new(ScopeClaims.Carrier, carrierId.ToString()), new(ScopeClaims.Carriers, carrierId.ToString())], "test")),
        },
    });
}
