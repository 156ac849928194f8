using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Rongtong.Web.Features;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Tests.Platform;

/// <summary>Another user's concurrent write, escaping a handler, reads as words on the API and on the error page.</summary>
public sealed class DbErrorsTests
{
    private static readonly Exception Busy = new SqliteException("database is locked", 5);
    private static readonly Exception Deadlock = new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);
    private static readonly Exception Duplicate = new Microsoft.EntityFrameworkCore.DbUpdateException("save failed",
        new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation));

    [Fact]
    public void Contention_is_named_and_anything_else_is_not()
    {
        Assert.Equal(503, DbErrors.AsConflict(Busy)!.Status);
        Assert.Equal(409, DbErrors.AsConflict(Deadlock)!.Status);
        Assert.Equal(409, DbErrors.AsConflict(Duplicate)!.Status);
        Assert.True(DbErrors.IsUniqueViolation(Duplicate));
        Assert.True(DbErrors.IsUniqueViolation(new SqliteException("UNIQUE constraint failed", 19, 2067)));
        Assert.False(DbErrors.IsUniqueViolation(new SqliteException("FOREIGN KEY constraint failed", 19, 787)));
        Assert.Null(DbErrors.AsConflict(new PostgresException("syntax", "ERROR", "ERROR", PostgresErrorCodes.SyntaxError)));
        Assert.Null(DbErrors.AsConflict(new InvalidOperationException()));
        Assert.Equal(409, DbErrors.AsConflict(new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException("row changed"))!.Status);
    }

    [Fact]
    public async Task The_api_answers_503_with_retry_after_when_the_database_was_busy_and_409_on_a_clash()
    {
        var handler = new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance);
        foreach (var (ex, status) in new[] { (Busy, 503), (Deadlock, 409), (Duplicate, 409) })
        {
            var ctx = new DefaultHttpContext();
            ctx.Request.Path = "/api/v1/funds/1/disbursements";
            ctx.Response.Body = new MemoryStream();
            Assert.True(await handler.TryHandleAsync(ctx, ex, default));
            Assert.Equal(status, ctx.Response.StatusCode);
            Assert.Equal(status == 503 ? "5" : null, ctx.Response.Headers.RetryAfter.FirstOrDefault());
            ctx.Response.Body.Position = 0;
            Assert.Contains("未保存任何内容", await new StreamReader(ctx.Response.Body).ReadToEndAsync());
        }
    }

    [Fact]
    public void The_error_page_says_nothing_was_saved_and_leads_back_to_the_form()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            var ctx = new DefaultHttpContext();
            ctx.Request.QueryString = new QueryString("?year=2020");
            ctx.Features.Set<IExceptionHandlerPathFeature>(new ExceptionHandlerFeature { Error = Busy, Path = "/Reports" });
            var page = new ErrorModel { PageContext = new() { HttpContext = ctx } };
            page.OnPost(null);
            Assert.Equal((503, "Not saved", "/Reports?year=2020"), (ctx.Response.StatusCode, page.Title, page.Back));
            Assert.Contains("nothing was saved", page.Message);

            // a path a browser reads as another host is never linked
            var odd = new DefaultHttpContext();
            odd.Features.Set<IExceptionHandlerPathFeature>(new ExceptionHandlerFeature { Error = Duplicate, Path = "//evil.example/x" });
            var oddPage = new ErrorModel { PageContext = new() { HttpContext = odd } };
            oddPage.OnPost(null);
            Assert.Equal("/", oddPage.Back);

            var other = new DefaultHttpContext();
            other.Features.Set<IExceptionHandlerPathFeature>(new ExceptionHandlerFeature { Error = new InvalidOperationException(), Path = "/Funds" });
            var plain = new ErrorModel { PageContext = new() { HttpContext = other } };
            plain.OnPost(null);
            Assert.Equal(("Something went wrong", null), (plain.Title, plain.Back));
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }
}
