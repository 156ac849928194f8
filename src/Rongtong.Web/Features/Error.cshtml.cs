using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    /// <summary>The page whose form was posted, when its input was refused for another user's concurrent write.</summary>
    public string? Back { get; private set; }

    public void OnGet(int? code) => Set(code);
    public void OnPost(int? code) => Set(code);

    /// <summary>A path of this site ("/Reports?year=2020"), not one a browser reads as another host ("//evil.example").</summary>
    private static bool IsLocal(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private void Set(int? code)
    {
        var failed = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (failed?.Error is { } ex && (ex as ConflictException ?? DbErrors.AsConflict(ex)) is { } c)
        {
            // nothing was saved and the user's input is still in the browser: say so, and lead back to the form
            Response.StatusCode = c.Status;
            if (c.Status == StatusCodes.Status503ServiceUnavailable) Response.Headers.RetryAfter = "5";
            // the form's own address with its query (the year of a report, a period): the exception handler re-executes
            // with the original query string; only ever a link into this site
            var back = failed.Path + Request.QueryString;
            (Title, Message, Back) = (Loc.T("未保存", "Not saved"), Loc.IsEnglish ? c.MessageEn : c.MessageZh, IsLocal(back) ? back : "/");
            return;
        }
        (Title, Message) = code switch
        {
            404 => (Loc.T("页面不存在", "Page not found"), Loc.T("您要找的页面不存在，或您无权查看。", "The page does not exist, or you may not see it.")),
            403 => (Loc.T("无权访问", "Access denied"), Loc.T("您的角色不能使用此功能。", "Your role may not use this function.")),
            400 => (Loc.T("请求无效", "Bad request"), Loc.T("请求格式不正确。", "The request was malformed.")),
            _ => (Loc.T("出错了", "Something went wrong"), Loc.T("服务器处理请求时出错，请稍后再试。", "The server failed to process the request; please try again later.")),
        };
    }
}
