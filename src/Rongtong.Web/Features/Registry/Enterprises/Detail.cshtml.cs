using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Registry.Enterprises;

/// <summary>企业详情: master data, qualifications, yearly figures with size classes, and the change history.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailModel(EnterpriseDetails details, ManageQualifications qualifications) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty] public QualificationInput Input { get; set; } = new();
    public EnterpriseView View { get; private set; } = null!;
    public string? Saved { get; private set; }
    public string? Warning { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddQualificationAsync(CancellationToken ct)
    {
        // a date that did not parse keeps its own message (BindingMessages): the rules would only see an empty field
        if (!ModelState.IsValid) return await LoadAsync(ct);
        try
        {
            await qualifications.AddAsync(Key, Input, ct);
            return Redirect($"/Registry/Enterprises/{Key}?saved=qualification");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException ex)
        {
            ModelState.AddErrors(ex.Errors);
            return await LoadAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostRemoveQualificationAsync(int id, CancellationToken ct)
    {
        try
        {
            await qualifications.RemoveAsync(Key, id, ct);
            return Redirect($"/Registry/Enterprises/{Key}?saved=qualification");
        }
        catch (NotFoundException) { return NotFound(); }
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        try
        {
            View = await details.HandleAsync(Key, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Saved = Request.Query["saved"];
        Warning = Request.Query["warn"];
        return Page();
    }
}
