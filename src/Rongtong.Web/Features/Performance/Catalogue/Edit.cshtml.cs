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

/// <summary>新增/编辑指标 — one form for both; validation and saving are in <see cref="SaveIndicator"/>.</summary>
[Authorize(Policy = Policies.CatalogueWrite)]
public sealed class EditModel(SaveIndicator save, RongtongDb db, CurrentScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public IndicatorInput Input { get; set; } = new();

    public Carrier Carrier { get; private set; } = null!;
    public IndicatorCatalogue Catalogue { get; private set; } = null!;
    /// <summary>一级指标 already used by the catalogue (offered in the form).</summary>
    public List<(string Zh, string En)> Dimensions { get; private set; } = [];
    /// <summary>Approved periods with values of the edited indicator (which freeze what its figures mean).</summary>
    public List<SaveIndicator.ApprovedPeriod> Approved { get; private set; } = [];
    public bool IsNew => Code is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Code is null)
        {
            Input = new IndicatorInput { Decimals = 0, Frequency = Frequency.Year, Source = ValueSource.Entered, Direction = Direction.Positive, Active = true };
            return Page();
        }
        var i = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(x => x.CatalogueId == Catalogue.Id && x.Code == Code, ct);
        if (i is null) return NotFound();
        Input = new IndicatorInput
        {
            Code = i.Code, DimensionZh = i.DimensionZh, DimensionEn = i.DimensionEn, NameZh = i.NameZh, NameEn = i.NameEn, ShortZh = i.ShortZh,
            Unit = i.Unit, UnitEn = i.UnitEn, Direction = i.Direction, Frequency = i.Frequency, Source = i.Source, Computation = i.Computation,
            Weight = i.Weight, Decimals = i.Decimals, SortOrder = i.SortOrder, Active = i.Active, Version = i.Version,
        };
        Approved = await SaveIndicator.ApprovedPeriodsAsync(db, i.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        // binding messages are English-only: a number that does not parse gets the bilingual message instead
        var unparsable = ModelState.Where(kv => kv.Key.StartsWith("Input.", StringComparison.Ordinal) && kv.Value!.Errors.Count > 0).Select(kv => kv.Key).ToList();
        ModelState.Clear();
        if (unparsable.Count > 0)
        {
            foreach (var k in unparsable) ModelState.AddModelError(k, Loc.T($"{FieldLabel(k)}必须是数字", $"{FieldLabel(k)} must be a number"));
            await LoadApprovedAsync(ct);
            return Page();
        }
        try
        {
            var i = await save.HandleAsync(Carrier, Code, Input, ct);
            return Redirect($"/Performance/Catalogue?saved={Uri.EscapeDataString(i.Code)}#{Uri.EscapeDataString(i.Code)}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        catch (ConflictException ex) { ModelState.AddModelError("", Loc.IsEnglish ? ex.MessageEn : ex.MessageZh); }
        await LoadApprovedAsync(ct);
        return Page();
    }

    private async Task LoadApprovedAsync(CancellationToken ct)
    {
        if (Code is null) return;
        var id = await db.Indicators.Where(x => x.CatalogueId == Catalogue.Id && x.Code == Code).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
        if (id is { } v) Approved = await SaveIndicator.ApprovedPeriodsAsync(db, v, ct);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var carrier = await db.Carriers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == scope.CarrierId && scope.CarrierIds.Contains(c.Id), ct);
        if (carrier is null || !SaveIndicator.CanEdit(scope, carrier)) return false;
        Carrier = carrier;
        try { (Catalogue, _) = await Catalogues.ForCarrierAsync(db, carrier, ct); }
        catch (NotFoundException) { return false; }
        Dimensions = (await db.Indicators.AsNoTracking().Where(i => i.CatalogueId == Catalogue.Id)
                .OrderBy(i => i.SortOrder).Select(i => new { i.DimensionZh, i.DimensionEn }).ToListAsync(ct))
            .DistinctBy(d => d.DimensionZh).Select(d => (d.DimensionZh, d.DimensionEn)).ToList();
        return true;
    }

    private static string FieldLabel(string key) => key switch
    {
        "Input.Weight" => Loc.T("权重", "The weight"),
        "Input.Decimals" => Loc.T("小数位数", "The number of decimals"),
        "Input.SortOrder" => Loc.T("排序", "The sort order"),
        _ => Loc.T("该项", "This field"),
    };
}
