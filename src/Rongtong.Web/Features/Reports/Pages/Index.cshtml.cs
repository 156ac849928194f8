using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Reports.Rendering;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Reports.Pages;

/// <summary>自评估报告 — preview, narratives, approved snapshots and downloads for a year.</summary>
[Authorize(Policy = Policies.PerformanceRead)]
public sealed class IndexModel(RongtongDb db, CurrentScope scope, ReportService reports, CollectReportData collect, Platform.Files.IFileStore files) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public string? Section { get; set; }
    [BindProperty] public string? Text { get; set; }
    public Carrier Carrier { get; private set; } = null!;
    public List<ReportSnapshot> Snapshots { get; private set; } = [];
    public Dictionary<string, string> Narratives { get; private set; } = [];
    public string Preview { get; private set; } = "";
    public bool PreviewIsDraft { get; private set; }
    public string? Message { get; private set; }
    public bool CanEdit => scope.IsOperator && scope.HomeCarrierId == Carrier.Id;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Message = Request.Query["done"].ToString() switch
        {
            "snapshot" => Loc.T("已生成新的报告版本。", "A new report version was taken."),
            "saved" => Loc.T("已保存。", "Saved."),
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostNarrativeAsync(CancellationToken ct)
    {
        var posted = Year;
        if (!await LoadAsync(ct) || !CanEdit) return NotFound();
        if (!ModelState.IsValid || posted is null) return Refused();
        try
        {
            await reports.SaveNarrativeAsync(Carrier, Year!.Value, Section ?? "", Text ?? "", scope.UserName, ct);
            return Redirect($"/Reports?year={Year}&done=saved#narratives");
        }
        catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        return Page();
    }

    public async Task<IActionResult> OnPostSnapshotAsync(CancellationToken ct)
    {
        var posted = Year;
        if (!await LoadAsync(ct) || !CanEdit) return NotFound();
        if (!ModelState.IsValid || posted is null) return Refused();
        try
        {
            await reports.TakeAsync(Carrier, Year!.Value, scope.UserName, ct);
            return Redirect($"/Reports?year={Year}&done=snapshot");
        }
        catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        catch (ConflictException ex) { ModelState.AddModelError("", Loc.IsEnglish ? ex.MessageEn : ex.MessageZh); }
        return Page();
    }

    /// <summary>A post acts on the year it names: none, or one out of range, is refused (LoadAsync showed the latest instead).</summary>
    private PageResult Refused()
    {
        if (ModelState.IsValid) ModelState.AddModelError("year", Loc.T("请选择年度", "choose a year"));
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var c = await scope.CurrentCarrierAsync(db, ct);
        if (c is null) return false;
        Carrier = c;
        if (Year is < Period.MinYear or > Period.MaxYear)
        {
            ModelState.AddModelError("year", Loc.T($"年度须在 {Period.MinYear} 至 {Period.MaxYear} 之间", $"the year must be between {Period.MinYear} and {Period.MaxYear}"));
            Year = null;
        }
        Year ??= await Performance.PerformanceModule.LatestYearAsync(db, c.Id, ct);
        Snapshots = await db.ReportSnapshots.AsNoTracking().Where(s => s.CarrierId == c.Id && s.Year == Year).OrderByDescending(s => s.Version).ToListAsync(ct);
        Narratives = await db.ReportNarratives.AsNoTracking().Where(n => n.CarrierId == c.Id && n.Year == Year).ToDictionaryAsync(n => n.Section, n => n.Text, ct);
        var latest = Snapshots.FirstOrDefault();
        var data = latest is null ? await collect.HandleAsync(c, Year.Value, ct) : ReportData.FromJson(latest.Data);
        PreviewIsDraft = latest is null;
        Preview = HtmlRenderer.RenderFragment(ReportBuilder.Build(data, PreviewIsDraft, latest?.Version, Loc.IsEnglish, ReportService.Photos(files)));
        return true;
    }
}
