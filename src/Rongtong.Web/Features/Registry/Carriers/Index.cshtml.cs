using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Registry.Carriers;

public sealed record CarrierInput
{
    public string? Name { get; init; }
    public string? Zone { get; init; }
    public CarrierType Type { get; init; } = CarrierType.Integration;
    public DateOnly? ApprovedOn { get; init; }
    public string? MainIndustries { get; init; }
    public decimal? LandArea { get; init; }
}

/// <summary>载体信息 — read by authority and operator; edited by the operator (audited).</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(RongtongDb db, CurrentScope scope) : PageModel
{
    [BindProperty] public CarrierInput Input { get; set; } = new();
    public Carrier Carrier { get; private set; } = null!;
    public bool CanEdit => scope.IsOperator && scope.HomeCarrierId == Carrier.Id;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input = new CarrierInput
        {
            Name = Carrier.Name, Zone = Carrier.Zone, Type = Carrier.Type, ApprovedOn = Carrier.ApprovedOn,
            MainIndustries = Carrier.MainIndustries, LandArea = Carrier.LandArea,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !CanEdit) return NotFound();
        // a value that did not bind (e.g. letters in the land area) is an error, not an empty field
        var unparsable = ModelState.Where(kv => kv.Value!.Errors.Count > 0).Select(kv => kv.Key).ToList();
        ModelState.Clear();
        var errors = new Errors();
        if (unparsable.Contains("Input.LandArea"))
            errors.Add("landArea", "number", "占地面积必须是数字", "The land area must be a number");
        if (unparsable.Contains("Input.ApprovedOn"))
            errors.Add("approvedOn", "date", "获批日期格式不正确", "The approval date is not a valid date");
        if (string.IsNullOrWhiteSpace(Input.Name)) errors.Add("name", "required", "载体名称不能为空", "The carrier name is required");
        if (string.IsNullOrWhiteSpace(Input.Zone)) errors.Add("zone", "required", "所在园区不能为空", "The zone is required");
        if (Input.LandArea < 0) errors.Add("landArea", "non-negative", "占地面积不能为负数", "The land area cannot be negative");
        // 10 million 亩 (6,700 km²): larger than any zone, and within what the column stores
        else if (Input.LandArea > 10_000_000m) errors.Add("landArea", "range", "占地面积不能超过 10,000,000 亩", "The land area cannot exceed 10,000,000 mu");
        var codes = new List<string>();
        foreach (var c in (Input.MainIndustries ?? "").Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries))
            if (IndustryCodes.Validate(c, errors, "mainIndustries") is { } ok) codes.Add(ok);
        if (codes.Count == 0 && errors.All(e => e.Field != "mainIndustries"))
            errors.Add("mainIndustries", "required", "请至少填写一个主要服务行业代码", "Give at least one main industry code");
        if (!errors.Ok)
        {
            ModelState.AddErrors(errors);
            return Page();
        }
        Carrier.Name = Input.Name!.Trim();
        Carrier.Zone = Input.Zone!.Trim();
        Carrier.Type = Input.Type;
        Carrier.ApprovedOn = Input.ApprovedOn;
        Carrier.MainIndustries = string.Join(",", codes.Distinct());
        Carrier.LandArea = Input.LandArea;
        await db.SaveChangesAsync(ct);
        return Redirect("/Registry/Carriers?saved=1");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var id = scope.CarrierId;
        Carrier = (await db.Carriers.FirstOrDefaultAsync(c => c.Id == id, ct))!;
        return Carrier is not null;
    }
}
