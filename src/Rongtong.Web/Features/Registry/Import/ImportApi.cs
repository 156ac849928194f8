using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Registry.Import;

/// <summary>Import, export and template endpoints of the registry (<c>/api/v1/enterprises/…</c>).</summary>
public static class ImportApi
{
    /// <summary>Largest accepted upload (page and API).</summary>
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static IServiceCollection AddImport(this IServiceCollection s) => s.AddScoped<ImportEnterprises>().AddScoped<ExportEnterprises>();

    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder g)
    {
        // multipart from API clients with a bearer token: no antiforgery token (cookie callers are protected by SameSite=Lax)
        g.MapPost("/enterprises/import", async (IFormFile? file, bool? dryRun, CurrentScope scope, ImportEnterprises import, CancellationToken ct) =>
            {
                if (file is null || file.Length == 0)
                    throw new ValidationFailedException([new FieldError("file", "required", "请上传文件（multipart 字段 file）", "Upload a file (multipart field 'file')")]);
                if (TooLarge(file) is { } tooLarge) throw new ValidationFailedException([tooLarge]);
                var carrierId = scope.HomeCarrierId ?? throw new NotFoundException("carrier");
                await using var content = file.OpenReadStream();
                var result = await import.HandleAsync(new ImportRequest(carrierId, file.FileName, content, dryRun ?? false), ct: ct);
                return Results.Json(result.ToJson(), statusCode: result.Ok ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
            })
            .RequireAuthorization(Policies.RegistryWrite)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes + 1024 * 1024));

        g.MapGet("/enterprises/export", async (string? format, CurrentScope scope, RongtongDb db, ExportEnterprises export, TimeProvider clock, CancellationToken ct) =>
            {
                var carrier = await scope.CurrentCarrierAsync(db, ct)
                              ?? throw new NotFoundException("carrier");
                var f = SheetWriter.Parse(format);
                var file = TempFile();
                await export.WriteAsync(carrier.Id, f, file, ct);
                file.Position = 0;
                return Results.File(file, SheetWriter.ContentType(f), ExportEnterprises.FileName(carrier.Code, f, clock.GetUtcNow().UtcDateTime));
            })
            .RequireAuthorization(Policies.RegistryRead);

        g.MapGet("/enterprises/import/template", (string? format, ExportEnterprises export) =>
            {
                var f = SheetWriter.Parse(format);
                var ms = new MemoryStream();
                export.WriteTemplate(f, ms);
                ms.Position = 0;
                return Results.File(ms, SheetWriter.ContentType(f), TemplateFileName(f));
            })
            .RequireAuthorization(Policies.RegistryWrite);
        return g;
    }

    public static FieldError? TooLarge(IFormFile file) => file.Length > MaxUploadBytes
        ? new FieldError("file", "max-size", $"文件不能超过{MaxUploadBytes / 1024 / 1024}MB", $"The file cannot exceed {MaxUploadBytes / 1024 / 1024} MB")
        : null;

    public static string TemplateFileName(SheetFormat f) => "enterprise-import-template" + SheetWriter.Extension(f);

    /// <summary>A scratch file for a large export, deleted when the response has been sent (no memory spike, nothing left behind).</summary>
    public static FileStream TempFile() =>
        new(Path.Combine(Path.GetTempPath(), "rongtong-export-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
}
