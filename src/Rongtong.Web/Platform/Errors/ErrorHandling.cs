using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Platform.Errors;

/// <summary>
/// One error policy, two renderings: API requests get ProblemDetails (400/404/409/422, 503 when the database was
/// busy); pages catch <see cref="ValidationFailedException"/> and <see cref="ConflictException"/> themselves and show
/// form messages (<see cref="ModelStateExtensions"/>); a concurrent write that escapes a page is explained on the
/// error page (<see cref="Data.DbErrors"/>).
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception ex, CancellationToken ct)
    {
        // the middleware has already re-pointed the request at /Error; the feature keeps the original path
        var path = new PathString(ctx.Features.Get<IExceptionHandlerFeature>()?.Path ?? ctx.Request.Path);
        if (!path.StartsWithSegments("/api")) return false;
        // this handler runs outside the localisation middleware, which set the culture only for the code inside it
        if (ctx.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>() is { } culture)
            System.Globalization.CultureInfo.CurrentUICulture = culture.RequestCulture.UICulture;
        if (Data.DbErrors.AsConflict(ex) is { } contention) ex = contention;
        var (status, title, extra) = ex switch
        {
            ValidationFailedException v => (422, Loc.T("输入有误", "Invalid input"), (object)ToList(v.Errors)),
            NotFoundException => (404, Loc.T("未找到", "Not found"), null),
            ConflictException c => (c.Status, Loc.IsEnglish ? c.MessageEn : c.MessageZh, null),
            BadHttpRequestException b => (b.StatusCode, b.StatusCode == 415 ? Loc.T("不支持该内容类型", "Unsupported content type") : Loc.T("请求格式错误", "Malformed request"),
                BindingErrors.Of(b) is { Count: > 0 } found ? ToList(found) : null),
            _ => (500, Loc.T("服务器内部错误", "Internal server error"), null),
        };
        if (status == 500) log.LogError(ex, "Unhandled API error");
        else if (ex is BadHttpRequestException) log.LogDebug(ex, "API request not bound");
        ctx.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable) ctx.Response.Headers.RetryAfter = "5";
        await WriteProblemAsync(ctx, status, title, extra, ct);
        return true;
    }

    /// <summary>The API's error body: ProblemDetails with the title in the caller's language, the field errors if any, and the trace id.</summary>
    public static Task WriteProblemAsync(HttpContext ctx, int status, string? title, object? errors = null, CancellationToken ct = default)
    {
        var pd = new ProblemDetails { Status = status, Title = title };
        if (errors is not null) pd.Extensions["errors"] = errors;
        pd.Extensions["traceId"] = ctx.TraceIdentifier;
        return ctx.Response.WriteAsJsonAsync(pd, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
    }

    public static IEnumerable<object> ToList(IEnumerable<FieldError> errors) =>
        errors.Select(e => new { field = e.Field, rule = e.Rule, message = e.Message, messageZh = e.MessageZh, messageEn = e.MessageEn });
}

/// <summary>
/// An API status without a body (401 and 403 from authorisation, 404 and 405 from routing) as ProblemDetails, in the
/// caller's language, instead of the HTML error page that pages get.
/// </summary>
public static class ApiErrors
{
    public static async Task StatusAsProblem(HttpContext ctx, RequestDelegate next)
    {
        if (!ctx.Request.Path.StartsWithSegments("/api"))
        {
            await next(ctx);
            return;
        }
        if (ctx.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        await next(ctx);
        var status = ctx.Response.StatusCode;
        if (status < 400 || ctx.Response.HasStarted || ctx.Response.ContentLength > 0 || ctx.Response.ContentType is not null) return;
        var title = status switch
        {
            401 => Loc.T("未登录或登录已过期", "Not signed in, or the sign-in has expired"),
            403 => Loc.T("无权执行此操作", "Not allowed for your role"),
            404 => Loc.T("未找到", "Not found"),
            400 => Loc.T("请求格式错误", "Malformed request"),
            405 => Loc.T("不支持该请求方法", "Method not allowed"),
            413 => Loc.T("请求内容过大", "The request is too large"),
            415 => Loc.T("不支持该内容类型", "Unsupported content type"),
            429 => Loc.T("请求过于频繁，请稍后再试", "Too many requests: try again later"),
            _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        };
        await ApiExceptionHandler.WriteProblemAsync(ctx, status, title);
    }
}

public static class ModelStateExtensions
{
    /// <summary>Adds each finding to the form field it names (prefix = the bound model's name, e.g. "Input").</summary>
    public static void AddErrors(this ModelStateDictionary ms, IEnumerable<FieldError> errors, string prefix = "Input")
    {
        foreach (var e in errors)
        {
            var key = string.IsNullOrEmpty(e.Field) ? "" : $"{prefix}.{char.ToUpperInvariant(e.Field[0])}{e.Field[1..]}";
            ms.AddModelError(key, e.Message);
        }
    }
}
