using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;
using Rongtong.Web.Platform.Time;

namespace Rongtong.Web.Features.Registry.Figures;

/// <summary>填报年度数据 — by the operator, or by the enterprise's own user.</summary>
[Authorize(Policy = Policies.FileFigures)]
public sealed class FileModel(FileFigures file, CurrentScope scope, RongtongDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public YearInput Input { get; set; } = new();
    public Enterprise Enterprise { get; private set; } = null!;
    public List<int> FiledYears { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var year = Year ?? clock.Today().Year - 1;
        var row = await db.EnterpriseYears.AsNoTracking().FirstOrDefaultAsync(y => y.EnterpriseId == Enterprise.Id && y.Year == year, ct);
        Input = row is null
            ? new YearInput { Year = year }
            : new YearInput
            {
                Year = row.Year, Employees = row.Employees, DegreeHolders = row.DegreeHolders, Revenue = row.Revenue, TotalAssets = row.TotalAssets,
                Output = row.Output, ProfitTax = row.ProfitTax, RnD = row.RnD, LandArea = row.LandArea, NewJobs = row.NewJobs, Version = row.Version,
            };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        // keep binding failures (e.g. letters in a number field) as this form's own bilingual messages
        var unparsable = ModelState.Where(kv => kv.Value!.Errors.Count > 0).Select(kv => kv.Key).ToList();
        ModelState.Clear();
        foreach (var key in unparsable)
            ModelState.AddModelError(key, Loc.T($"“{Label(key)}”必须是数字", $"'{Label(key)}' must be a number"));
        if (ModelState.ErrorCount > 0) return Page();
        try
        {
            var row = await file.HandleAsync(Key, Input, ct);
            return Redirect($"/Registry/Enterprises/{Enterprise.CreditCode}?saved={row.Year}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException ex) { ModelState.AddErrors(ex.Errors); }
        catch (ConflictException ex) { ModelState.AddModelError("", Loc.IsEnglish ? ex.MessageEn : ex.MessageZh); }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try { Enterprise = await scope.FindVisibleAsync(db, Key, ct); }
        catch (NotFoundException) { return false; }
        if (!scope.CanFile(Enterprise)) return false;
        FiledYears = await db.EnterpriseYears.Where(y => y.EnterpriseId == Enterprise.Id).Select(y => y.Year).OrderByDescending(y => y).ToListAsync(ct);
        return true;
    }

    public static string Label(string key) => key.Replace("Input.", "") switch
    {
        "Year" => Loc.T("年度", "Year"),
        "Employees" => Loc.T("从业人员", "Employees"),
        "DegreeHolders" => Loc.T("大专及以上学历人数", "Employees with a degree"),
        "Revenue" => Loc.T("营业收入(万元)", "Revenue (10k CNY)"),
        "TotalAssets" => Loc.T("资产总额(万元)", "Total assets (10k CNY)"),
        "Output" => Loc.T("产值(万元)", "Output value (10k CNY)"),
        "ProfitTax" => Loc.T("利税(万元)", "Profit and tax (10k CNY)"),
        "RnD" => Loc.T("研发投入(万元)", "R&D spend (10k CNY)"),
        "LandArea" => Loc.T("占地面积(亩)", "Land area (mu)"),
        "NewJobs" => Loc.T("新增就业人数", "New jobs"),
        var k => k,
    };
}
