using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Performance;

/// <summary>
/// The preloaded catalogues (embedded JSON under Data/): created on first start, never overwritten afterwards —
/// operators edit the rows, and values already approved keep what they were approved as.
/// </summary>
public static class Catalogues
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IndicatorCatalogue LoadIntegration()
    {
        using var s = typeof(Catalogues).Assembly.GetManifestResourceStream("Rongtong.Web.Features.Performance.Data.catalogue-integration.json")
            ?? throw new InvalidOperationException("embedded catalogue-integration.json is missing");
        return JsonSerializer.Deserialize<IndicatorCatalogue>(s, Json) ?? throw new InvalidOperationException("empty catalogue");
    }

    /// <summary>Adds the preloaded catalogues that are not in the database yet.</summary>
    public static async Task EnsureAsync(RongtongDb db, CancellationToken ct = default)
    {
        var c = LoadIntegration();
        if (await db.IndicatorCatalogues.AnyAsync(x => x.Code == c.Code, ct)) return;
        db.IndicatorCatalogues.Add(c);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The catalogue that applies to a carrier (by its type) with its active indicators in order.</summary>
    public static async Task<(IndicatorCatalogue Catalogue, List<IndicatorDefinition> Indicators)> ForCarrierAsync(RongtongDb db, Carrier carrier, CancellationToken ct = default)
    {
        var cat = await db.IndicatorCatalogues.AsNoTracking().OrderBy(x => x.Id).FirstOrDefaultAsync(x => x.CarrierType == carrier.Type, ct)
            ?? throw new Platform.Errors.NotFoundException("catalogue");
        var list = await db.Indicators.AsNoTracking().Where(i => i.CatalogueId == cat.Id && i.Active).OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        return (cat, list);
    }
}
