using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Performance.Catalogue;

/// <summary>
/// 指标体系 — the catalogue that applies to the current carrier, grouped by 一级指标, inactive indicators included.
/// Readable by whoever reads the carrier's indicators; the authority also edits the jump factor here.
/// </summary>
[Authorize(Policy = Policies.PerformanceRead)]
public sealed class IndexModel(RongtongDb db, CurrentScope scope, SetJumpFactor setJumpFactor) : PageModel
{
    [BindProperty] public decimal? JumpFactor { get; set; }

    public Carrier Carrier { get; private set; } = null!;
    public IndicatorCatalogue Catalogue { get; private set; } = null!;
    public List<IndicatorDefinition> Indicators { get; private set; } = [];
    /// <summary>Indicators with values in an approved period (their unit, direction, source… are frozen).</summary>
    public HashSet<int> Frozen { get; private set; } = [];
    public string? Message { get; private set; }
    public bool CanEdit => SaveIndicator.CanEdit(scope, Carrier);

    public async Task<IActionResult> OnGetAsync(string? saved, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!string.IsNullOrEmpty(saved) && Indicators.Any(i => i.Code == saved))
            Message = Loc.T($"指标 {saved} 已保存。", $"Indicator {saved} saved.");
        else if (done == "jump-factor")
            Message = Loc.T("跳变倍数已保存。", "Jump factor saved.");
        return Page();
    }

    public async Task<IActionResult> OnPostJumpFactorAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!scope.IsAuthority) return Forbid();
        var unparsable = ModelState.TryGetValue(nameof(JumpFactor), out var entry) && entry.Errors.Count > 0;
        ModelState.Clear(); // binding messages are English-only
        if (unparsable)
        {
            ModelState.AddModelError(nameof(JumpFactor), Loc.T("跳变倍数必须是数字", "The jump factor must be a number"));
            return Page();
        }
        try
        {
            await setJumpFactor.HandleAsync(Carrier, JumpFactor, ct);
            return Redirect("/Performance/Catalogue?done=jump-factor");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException ex) { foreach (var e in ex.Errors) ModelState.AddModelError(nameof(JumpFactor), e.Message); }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var carrier = await db.Carriers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == scope.CarrierId && scope.CarrierIds.Contains(c.Id), ct);
        if (carrier is null) return false;
        Carrier = carrier;
        try { (Catalogue, _) = await Catalogues.ForCarrierAsync(db, carrier, ct); }
        catch (NotFoundException) { return false; }
        Indicators = await db.Indicators.AsNoTracking().Where(i => i.CatalogueId == Catalogue.Id)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        var ids = Indicators.Select(i => i.Id).ToList();
        Frozen = (await (
                from v in db.IndicatorValues
                where ids.Contains(v.IndicatorId)
                join p in db.PerformancePeriods on new { v.CarrierId, v.Year, Kind = v.Period } equals new { p.CarrierId, p.Year, p.Kind }
                where p.Status == PeriodStatus.Approved || p.Approvals > 0
                select v.IndicatorId)
            .Distinct().ToListAsync(ct)).ToHashSet();
        JumpFactor ??= Catalogue.JumpFactor;
        return true;
    }

    public static string DirectionLabel(Direction d) => d == Direction.Negative ? Loc.T("反向", "Negative") : Loc.T("正向", "Positive");

    public static string DirectionHint(Direction d) =>
        d == Direction.Negative ? Loc.T("反向指标：越小越好", "Lower is better") : Loc.T("正向指标：越大越好", "Higher is better");

    public static string FrequencyLabel(Frequency f) => f switch
    {
        Frequency.Quarter => Loc.T("季报", "Quarterly"),
        Frequency.HalfYear => Loc.T("半年报", "Half-yearly"),
        _ => Loc.T("年报", "Yearly"),
    };

    public static string SourceLabel(ValueSource s) =>
        s == ValueSource.Computed ? Loc.T("系统计算", "Computed") : Loc.T("填报（附佐证材料）", "Entered with evidence");

    public static string Unit(IndicatorDefinition i) => Loc.T(i.Unit, string.IsNullOrEmpty(i.UnitEn) ? i.Unit : i.UnitEn);

    public static string Number(decimal v) => v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
