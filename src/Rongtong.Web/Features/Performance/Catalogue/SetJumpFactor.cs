using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Performance.Catalogue;

/// <summary>
/// Sets the catalogue's jump factor (跳变倍数): the factor beyond which a change on the previous period is reported by
/// validation. Authority only, for the catalogue used by a carrier in its scope; audited (IndicatorCatalogue is IAudited).
/// </summary>
public sealed class SetJumpFactor(RongtongDb db, CurrentScope scope)
{
    public const decimal Max = 100m;

    public async Task<IndicatorCatalogue> HandleAsync(Carrier carrier, decimal? factor, CancellationToken ct = default)
    {
        var cat = await SaveIndicator.CatalogueForAsync(db, scope, carrier, ct);
        if (factor is not { } f || f <= 0 || f > Max)
            throw new ValidationFailedException([new("jumpFactor", "range", "跳变倍数须大于 0 且不超过 100", "The jump factor must be above 0 and at most 100")]);
        if (decimal.Round(f, 4) != f)
            throw new ValidationFailedException([new("jumpFactor", "decimals", "跳变倍数最多 4 位小数", "The jump factor has at most 4 decimals")]);
        cat.JumpFactor = f;
        await db.SaveChangesAsync(ct);
        return cat;
    }
}
