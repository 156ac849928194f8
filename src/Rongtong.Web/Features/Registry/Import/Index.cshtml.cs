using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Registry.Import;

/// <summary>
/// 导入导出 — upload a file (or only check it), see every error, download the error report, the template or an export.
/// The error report is rendered from the result the page posts back (<see cref="ImportReport.Pack"/>): nothing of an
/// upload is kept on the server, so any web node can serve the download.
/// </summary>
[Authorize(Policy = Policies.RegistryWrite)]
[RequestSizeLimit(ImportApi.MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportApi.MaxUploadBytes + 1024 * 1024, ValueLengthLimit = 64 * 1024 * 1024)]
public sealed class IndexModel(ImportEnterprises import, ExportEnterprises export, CurrentScope scope, RongtongDb db, TimeProvider clock, IDataProtectionProvider protection) : PageModel
{
    private IDataProtector Protector => protection.CreateProtector(ImportReport.Purpose);

    /// <summary>How many findings the page lists; the downloadable report has them all.</summary>
    public const int ShownIssues = 500;

    public ImportResult? Result { get; private set; }
    public List<ImportIssue> Issues { get; private set; } = [];
    public int IssueCount { get; private set; }
    public string? Report { get; private set; }
    public bool DryRun { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? upload, bool dryRun, CancellationToken ct)
    {
        DryRun = dryRun;
        if (scope.HomeCarrierId is not { } carrierId)
        {
            ModelState.AddModelError("", Loc.T("您的账户未关联载体，不能导入", "Your account is not linked to a carrier, so it cannot import"));
            return Page();
        }
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError("", Loc.T("请选择要导入的 .xlsx 或 .csv 文件", "Choose an .xlsx or .csv file to import"));
            return Page();
        }
        if (ImportApi.TooLarge(upload) is { } tooLarge)
        {
            ModelState.AddModelError("", tooLarge.Message);
            return Page();
        }
        try
        {
            await using var content = upload.OpenReadStream();
            Result = await import.HandleAsync(new ImportRequest(carrierId, Path.GetFileName(upload.FileName), content, dryRun), ct: ct);
        }
        catch (ConflictException c)
        {
            ModelState.AddModelError("", Loc.IsEnglish ? c.MessageEn : c.MessageZh);
            return Page();
        }
        var issues = Result.Issues.ToList();
        IssueCount = issues.Count;
        Issues = issues.Take(ShownIssues).ToList();
        if (issues.Count > 0) Report = ImportReport.Pack(issues, Protector);
        return Page();
    }

    /// <summary>The error report of the result shown, posted back by the page.</summary>
    public IActionResult OnPostReport(string? report, string? format)
    {
        var issues = report is null ? null : ImportReport.Unpack(report, Protector);
        if (issues is null) return BadRequest();
        var f = SheetWriter.Parse(format);
        var ms = new MemoryStream();
        ImportReport.Write(ms, f, issues);
        ms.Position = 0;
        return File(ms, SheetWriter.ContentType(f), "import-errors" + SheetWriter.Extension(f));
    }

    public IActionResult OnGetTemplate(string? format)
    {
        var f = SheetWriter.Parse(format);
        var ms = new MemoryStream();
        export.WriteTemplate(f, ms);
        ms.Position = 0;
        return File(ms, SheetWriter.ContentType(f), ImportApi.TemplateFileName(f));
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var carrier = await db.Carriers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == scope.HomeCarrierId, ct);
        if (carrier is null) return NotFound();
        var f = SheetWriter.Parse(format);
        var file = ImportApi.TempFile();
        await export.WriteAsync(carrier.Id, f, file, ct);
        file.Position = 0;
        return File(file, SheetWriter.ContentType(f), ExportEnterprises.FileName(carrier.Code, f, clock.GetUtcNow().UtcDateTime));
    }
}
