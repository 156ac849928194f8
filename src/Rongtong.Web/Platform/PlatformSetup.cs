using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.WebEncoders;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Platform;

/// <summary>The cross-cutting parts every module stands on: data, identity, i18n, errors, audit, health, metrics.</summary>
public static class PlatformSetup
{
    public const string SmartScheme = "cookie-or-bearer";

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        if (!builder.Environment.IsDevelopment()) builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);

        s.AddRongtongDb(builder.Configuration);
        s.AddHttpContextAccessor();
        s.AddScoped<CurrentScope>();
        s.AddScoped<InviteUser>();

        s.AddIdentity<AppUser, IdentityRole>(IdentityRules)
            .AddEntityFrameworkStores<RongtongDb>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>();
        s.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultAuthenticateScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8));
        s.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = ".Rongtong.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ctx => ApiStatus(ctx, 401);
            o.Events.OnRedirectToAccessDenied = ctx => ApiStatus(ctx, 403);
        });
        var keys = s.AddDataProtection().SetApplicationName("Rongtong").PersistKeysToDbContext<RongtongDb>();
        // the keys live in the database (shared by every web node); in production, encrypt them at rest with a
        // certificate, so that reading the database is not enough to forge a sign-in cookie
        if (builder.Configuration["DataProtection:Certificate"] is { Length: > 0 } pfx)
            keys.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                pfx, builder.Configuration["DataProtection:CertificatePassword"]));
        s.AddAuthorization(o => Policies.Configure(o, builder.Configuration));

        s.AddLocalization();
        s.Configure<RequestLocalizationOptions>(o =>
        {
            CultureInfo[] cultures = [new(Loc.Chinese), new(Loc.English)];
            o.DefaultRequestCulture = new RequestCulture(Loc.Chinese);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = Loc.CookieName },
            ];
        });
        s.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        s.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });

        s.AddProblemDetails();
        s.AddExceptionHandler<ApiExceptionHandler>();
        // a body or parameter that does not bind is thrown in every environment (by default only in Development), so
        // that ApiExceptionHandler names it in the caller's language instead of a bare "Bad Request"
        s.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        s.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        s.AddOpenTelemetry().WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter("Rongtong").AddPrometheusExporter());
        s.AddOpenApi("v1");
        s.AddAntiforgery(o => o.Cookie.Name = ".Rongtong.Csrf");
        s.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
        }).AddMvcOptions(o =>
        {
            // a field left empty is for the handler's rules to judge (in both languages), not for an English [Required]
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            BindingMessages.Use(o.ModelBindingMessageProvider);
        })
        // no client-side validation library is served: the forms' data-val-* attributes (English) would be dead weight
        .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
        s.Configure<RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Features/Shared/{0}.cshtml"));
        return builder;
    }

    /// <summary>Password, lockout and user-name rules, shared by the web app and the CLI.</summary>
    public static void IdentityRules(IdentityOptions o)
    {
        o.User.AllowedUserNameCharacters = null!; // Chinese user names
        o.User.RequireUniqueEmail = false;
        o.Password.RequiredLength = 10;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireLowercase = true;
        o.Password.RequireDigit = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.SignIn.RequireConfirmedAccount = false;
    }

    private static Task ApiStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler(app.Environment.IsDevelopment() ? "/Error" : "/Error");
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseRequestLocalization();
        app.Use(ApiErrors.StatusAsProblem);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (ctx, next) =>
        {
            var actor = ctx.RequestServices.GetRequiredService<AuditActor>();
            var scope = ctx.RequestServices.GetRequiredService<CurrentScope>();
            if (scope.IsSignedIn)
            {
                actor.UserId = scope.UserId;
                actor.Name = scope.UserName;
                actor.CarrierId = scope.CarrierId == 0 ? null : scope.CarrierId;
            }
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            ctx.Response.Headers["X-Frame-Options"] = "DENY";
            ctx.Response.Headers["Referrer-Policy"] = "same-origin";
            await next();
        });
        app.UseAntiforgery();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Metrics);
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // the browsable API page; its script is served from the package, not a CDN
        app.MapScalarApiReference("/api", o => o.WithTitle("Rongtong API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapGet("/lang/{culture}", (string culture, string? returnUrl, HttpContext ctx) =>
        {
            var c = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? Loc.English : Loc.Chinese;
            ctx.Response.Cookies.Append(Loc.CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            // a path of this site only: "//host" and "/\host" are other sites to a browser (and LocalRedirect throws on
            // them); the layout's links are escaped, so anything not ASCII was made by hand (and cannot be a header)
            return Results.LocalRedirect(returnUrl is ['/'] or ['/', not ('/' or '\\'), ..] && returnUrl.All(c => char.IsAscii(c) && !char.IsControl(c)) ? returnUrl : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }
}
