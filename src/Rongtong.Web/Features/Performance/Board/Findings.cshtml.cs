using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Performance.Board;

/// <summary>校验结果 — every finding of the validation rules for a period, errors first.</summary>
[Authorize(Policy = Policies.PerformanceRead)]
public sealed class FindingsModel(RongtongDb db, CurrentScope scope, ValidatePeriod validate) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    public PeriodEvaluation Evaluation { get; private set; } = null!;
    public List<Finding> Findings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var carrier = await scope.CurrentCarrierAsync(db, ct);
        if (carrier is null) return NotFound();
        if (!Performance.Period.TryParse(Period, out var p) && !string.IsNullOrWhiteSpace(Period))
            ModelState.AddModelError(nameof(Period), Performance.Period.Unreadable(Period));
        // as on the board: by default the latest year with data
        var period = p ?? new Period(await PerformanceModule.LatestYearAsync(db, carrier.Id, ct), PeriodKind.Y);
        (Evaluation, var findings) = await validate.HandleAsync(carrier, period, ct);
        Findings = findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Indicator).ToList();
        return Page();
    }
}
