using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance.Computations;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Features.Performance.Workflow;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Files;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Performance.Board;

/// <summary>
/// One indicator in one period: its values with provenance and evidence, the records a computed value counted,
/// entry (operator), return (reviewer), and the history of every change.
/// </summary>
[Authorize(Policy = Policies.PerformanceRead)]
public sealed class IndicatorModel(RongtongDb db, CurrentScope scope, EvaluatePeriod evaluate, RegistryComputations computations, IndicatorWorkflow workflow, IFileStore files) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty] public ValueInput Input { get; set; } = new();
    [BindProperty] public ValueKind ReturnKind { get; set; }
    [BindProperty] public string? ReturnMessage { get; set; }
    [BindProperty] public ValueKind FileKind { get; set; }

    public PeriodEvaluation Evaluation { get; private set; } = null!;
    public IndicatorRow Row { get; private set; } = null!;
    public List<CountedRecord> Records { get; private set; } = [];
    public int RecordTotal { get; private set; }
    public List<AuditEntry> History { get; private set; } = [];
    public string? Saved { get; private set; }
    /// <summary>Which value kind's form holds the posted input (to show its errors there).</summary>
    public ValueKind? Posted { get; private set; }

    public bool CanEdit => scope.IsOperator && scope.HomeCarrierId == Evaluation.Carrier.Id;

    /// <summary>Is the actual computed for this period (a computed indicator may be entered for a half-year)?</summary>
    public bool Computed => Row.Indicator.Source == ValueSource.Computed && RegistryComputations.Computes(Row.Indicator.Computation, Evaluation.Period.Kind);
    public bool CanReview => scope.IsAuthority && Evaluation.Status == PeriodStatus.Submitted;

    /// <summary>May the operator change this value now (draft, returned, or approved with a reason)?</summary>
    public bool Editable(Cell c) => CanEdit && (Evaluation.Status != PeriodStatus.Submitted || c.Row?.ReturnMessage is not null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Saved = Request.Query["saved"];
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Posted = Input.Kind;
        var unparsable = ModelState.Where(kv => kv.Key.StartsWith("Input.") && kv.Value!.Errors.Count > 0).Select(kv => kv.Key).ToList();
        if (unparsable.Count > 0)
        {
            ModelState.Clear();
            foreach (var k in unparsable) ModelState.AddModelError(k, Loc.T("必须是数字", "must be a number"));
            return Page();
        }
        ModelState.Clear();
        return await TryAsync(() => workflow.SaveAsync(Evaluation.Carrier, Input with { Indicator = Code, Period = Evaluation.Period.ToString() }, ct), ct);
    }

    public async Task<IActionResult> OnPostReturnAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.Clear();
        return await TryAsync(() => workflow.ReturnAsync(Evaluation.Carrier, Evaluation.Period, Code, ReturnKind, ReturnMessage ?? "", ct), ct);
    }

    public async Task<IActionResult> OnPostEvidenceAsync(IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.Clear();
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", Loc.T("请选择文件", "choose a file"));
            return Page();
        }
        await using var s = file.OpenReadStream();
        return await TryAsync(() => workflow.AttachAsync(Evaluation.Carrier, Evaluation.Period, Code, FileKind, s, file.FileName, ct), ct);
    }

    /// <summary>Downloads an evidence file of this carrier (never from a user-chosen path: by id, through the store).</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(int id, CancellationToken ct)
    {
        var f = await db.EvidenceFiles.AsNoTracking()
            .Where(x => x.Id == id)
            .Join(db.IndicatorValues, x => x.ValueId, v => v.Id, (x, v) => new { File = x, v.CarrierId })
            .FirstOrDefaultAsync(ct);
        if (f is null || !scope.CarrierIds.Contains(f.CarrierId)) return NotFound();
        return File(files.OpenRead(f.File.StoreKey), f.File.ContentType, f.File.FileName);
    }

    /// <summary>Trend of the indicator's yearly actuals and targets up to this period's year and the next year's target (PNG).</summary>
    public async Task<IActionResult> OnGetChartAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var i = Row.Indicator;
        var carrierId = Evaluation.Carrier.Id;
        var last = Evaluation.Period.Year;
        var rows = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.CarrierId == carrierId && v.IndicatorId == i.Id && v.Period == PeriodKind.Y && v.Year <= last + 1 && v.Value != null)
            .ToListAsync(ct);
        var first = Math.Min(rows.Count == 0 ? last : rows.Min(v => v.Year), last);
        var years = Enumerable.Range(first, last - first + 2).ToList();
        var actuals = new List<double?>();
        foreach (var y in years)
        {
            var recorded = rows.FirstOrDefault(v => v.Year == y && v.Kind == ValueKind.Actual)?.Value;
            if (recorded is null && i.Source == ValueSource.Computed && y <= last)
                recorded = (await computations.ComputeAsync(carrierId, new Period(y, PeriodKind.Y), ct)).GetValueOrDefault(i.Computation!)?.Value;
            actuals.Add(recorded is { } a ? (double)a : null);
        }
        var targets = years.Select(y => rows.FirstOrDefault(v => v.Year == y && v.Kind == ValueKind.Target)?.Value is { } t ? (double?)(double)t : null).ToList();
        var chart = new Reports.Rendering.ChartBlock(Loc.T(i.NameZh, i.NameEn), i.Unit, years.Select(y => y.ToString()).ToList(),
            [new(Loc.T("完成值", "Actual"), actuals), new(Loc.T("目标值", "Target"), targets)]);
        return File(Reports.Rendering.ChartRenderer.RenderPng(chart, 900, 360), "image/png");
    }

    private async Task<IActionResult> TryAsync<T>(Func<Task<T>> act, CancellationToken ct)
    {
        try
        {
            await act();
            return Redirect($"/Performance/Indicators/{Uri.EscapeDataString(Code)}?period={Evaluation.Period}&saved=1");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        catch (ConflictException ex) { ModelState.AddModelError("", Loc.IsEnglish ? ex.MessageEn : ex.MessageZh); }
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var carrier = await scope.CurrentCarrierAsync(db, ct);
        if (carrier is null) return false;
        // no period: the board's default (the latest year with data); one that does not parse is not a page
        if (string.IsNullOrWhiteSpace(Period)) Period = (await PerformanceModule.LatestYearAsync(db, carrier.Id, ct)).ToString();
        if (!Performance.Period.TryParse(Period, out var period)) return false;
        Evaluation = await evaluate.HandleAsync(carrier, period.Value, ct);
        var row = Evaluation.Rows.FirstOrDefault(r => r.Indicator.Code == Code);
        if (row is null) return false;
        Row = row;
        Period = period.Value.ToString();
        if (row.Indicator.Source == ValueSource.Computed && RegistryComputations.Exists(row.Indicator.Computation) && (period.Value.Kind == PeriodKind.Y || row.Actual.Origin != Origin.None))
        {
            try { (Records, RecordTotal) = await computations.DrillDownAsync(row.Indicator.Computation!, carrier.Id, period.Value, 100, ct); }
            catch (ArgumentException) { /* no records for this period kind */ }
        }
        var ids = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.CarrierId == carrier.Id && v.IndicatorId == row.Indicator.Id && v.Year == period.Value.Year && v.Period == period.Value.Kind)
            .Select(v => v.Id.ToString()).ToListAsync(ct);
        History = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == nameof(IndicatorValue) && ids.Contains(a.EntityId))
            .OrderByDescending(a => a.Id).Take(100).ToListAsync(ct);
        return true;
    }

    public static string KindLabel(ValueKind k) => k switch
    {
        ValueKind.Baseline => Loc.T("基准值", "Baseline"),
        ValueKind.Target => Loc.T("目标值", "Target"),
        _ => Loc.T("完成值", "Actual"),
    };

    public Cell CellOf(ValueKind k) => k switch { ValueKind.Baseline => Row.Baseline, ValueKind.Target => Row.Target, _ => Row.Actual };
}
