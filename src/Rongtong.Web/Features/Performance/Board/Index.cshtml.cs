using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Features.Performance.Workflow;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;
using Rongtong.Web.Platform.Time;

namespace Rongtong.Web.Features.Performance.Board;

/// <summary>绩效指标 — the carrier's indicators for a period: values, provenance, status; submit and approve.</summary>
[Authorize(Policy = Policies.PerformanceRead)]
public sealed class IndexModel(RongtongDb db, CurrentScope scope, ValidatePeriod validate, IndicatorWorkflow workflow, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? Dimension { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty] public int? StateVersion { get; set; }

    public PeriodEvaluation Evaluation { get; private set; } = null!;
    public List<Finding> Findings { get; private set; } = [];
    public IEnumerable<IndicatorRow> Shown => Evaluation.Rows
        .Where(r => string.IsNullOrEmpty(Dimension) || r.Indicator.DimensionZh == Dimension)
        .Where(r => string.IsNullOrEmpty(Status) || Evaluator.Code(r.Eval.Status) == Status || (Status == "returned" && r.Returned));
    public string? Message { get; private set; }
    public bool CanEdit => scope.IsOperator && scope.HomeCarrierId == Evaluation.Carrier.Id;
    public bool CanReview => scope.IsAuthority;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message = Request.Query["done"].ToString() switch
        {
            "submitted" => Loc.T("已报送，等待主管部门审核。", "Submitted for review."),
            "approved" => Loc.T("已批准，本期数值已锁定。", "Approved: the period's values are locked."),
            _ => null,
        };
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => ActAsync((c, p) => workflow.SubmitAsync(c, p, ct), "submitted", ct);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => ActAsync((c, p) => workflow.ApproveAsync(c, p, StateVersion, ct), "approved", ct);

    private async Task<IActionResult> ActAsync(Func<Carrier, Period, Task<PerformancePeriod>> act, string done, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        try
        {
            await act(Evaluation.Carrier, Evaluation.Period);
            return Redirect($"/Performance?period={Evaluation.Period}&done={done}");
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
        if (!Performance.Period.TryParse(Period, out var period))
        {
            if (!string.IsNullOrWhiteSpace(Period)) ModelState.AddModelError(nameof(Period), Performance.Period.Unreadable(Period));
            period = new Period(await PerformanceModule.LatestYearAsync(db, carrier.Id, ct), PeriodKind.Y);
        }
        Period = period.Value.ToString();
        (Evaluation, Findings) = await validate.HandleAsync(carrier, period.Value, ct);
        return true;
    }

    /// <summary>Years offered in the period picker.</summary>
    public IEnumerable<int> Years => Enumerable.Range(2018, Math.Max(Evaluation.Period.Year, clock.Today().Year) - 2018 + 2).Reverse();

    public static string StatusLabel(EvalStatus s) => s switch
    {
        EvalStatus.Exceeded => Loc.T("超额完成", "Exceeded"),
        EvalStatus.Met => Loc.T("完成", "Met"),
        EvalStatus.Missed => Loc.T("未完成", "Missed"),
        EvalStatus.NoTarget => Loc.T("无目标值", "No target"),
        _ => Loc.T("无完成值", "No actual"),
    };

    public static string PeriodStatusLabel(PeriodStatus s) => s switch
    {
        PeriodStatus.Submitted => Loc.T("已报送", "Submitted"),
        PeriodStatus.Approved => Loc.T("已批准（锁定）", "Approved (locked)"),
        _ => Loc.T("草稿", "Draft"),
    };

    public static string OriginLabel(Origin o) => o switch
    {
        Origin.Entered => Loc.T("填报", "entered"),
        Origin.Computed => Loc.T("计算", "computed"),
        Origin.Frozen => Loc.T("计算·已锁定", "computed, frozen"),
        Origin.Override => Loc.T("人工覆盖", "override"),
        Origin.Derived => Loc.T("取上期完成值", "previous actual"),
        _ => "",
    };

    /// <summary>A value for reading on the board: rounded as <see cref="Evaluator.Format"/> does, thousands grouped (5,126,062.3).</summary>
    public static string Num(decimal? v, IndicatorDefinition i) =>
        v is { } x ? Evaluator.Format(x, i.Decimals, grouped: true) : "—";
}
