using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry.Import;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Registry.Enterprises;

/// <summary>One enterprise with its qualifications, yearly figures (with size upgrades) and change history.</summary>
public sealed record EnterpriseView(Enterprise Enterprise, string? SpawnedByName, string? SpawnedByCode, IReadOnlyList<YearView> Years,
    IReadOnlyList<AuditEntry> History, bool CanEdit, bool CanFile, int SpawnedCount);

public sealed record YearView(EnterpriseYear Row, SizeDecision Decision, bool Upgraded, SizeClass? Previous);

/// <summary>Loads an enterprise for the detail page and the API, enforcing the caller's scope.</summary>
public sealed class EnterpriseDetails(RongtongDb db, CurrentScope scope)
{
    public async Task<EnterpriseView> HandleAsync(string key, CancellationToken ct = default)
    {
        var e = await scope.FindVisibleAsync(db, key, ct);
        await db.Entry(e).Collection(x => x.Qualifications).LoadAsync(ct);
        var years = await db.EnterpriseYears.AsNoTracking().Where(y => y.EnterpriseId == e.Id).OrderBy(y => y.Year).ToListAsync(ct);
        var parent = e.SpawnedById is { } pid
            ? await db.Enterprises.Where(x => x.Id == pid).Select(x => new { x.Name, x.CreditCode }).FirstOrDefaultAsync(ct)
            : null;
        var id = e.Id.ToString();
        var yearIds = years.Select(y => y.Id.ToString()).ToList();
        var qualIds = e.Qualifications.Select(q => q.Id.ToString()).ToList();
        var history = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.Entity == nameof(Enterprise) && a.EntityId == id)
                        || (a.Entity == nameof(EnterpriseYear) && yearIds.Contains(a.EntityId))
                        || (a.Entity == nameof(Qualification) && qualIds.Contains(a.EntityId))
                        // created by a bulk import: the import's summary row, written at the enterprise's creation instant
                        || (a.Entity == ImportEnterprises.AuditEntity && a.CarrierId == e.CarrierId && a.At == e.CreatedAt))
            .OrderByDescending(a => a.Id).Take(30).ToListAsync(ct);
        var spawned = await db.Enterprises.CountAsync(x => x.SpawnedById == e.Id, ct);
        var views = new List<YearView>();
        SizeClass? prev = null;
        int? prevYear = null;
        foreach (var y in years)
        {
            var d = SizeClassifier.Classify(e.IndustryCode, y.Employees, y.Revenue, y.TotalAssets, y.Year);
            var consecutive = prevYear == y.Year - 1;
            views.Add(new YearView(y, d, consecutive && prev is { } p && y.SizeClass > p, consecutive ? prev : null));
            prev = y.SizeClass;
            prevYear = y.Year;
        }
        return new EnterpriseView(e, parent?.Name, parent?.CreditCode, views, history, scope.CanEdit(e), scope.CanFile(e), spawned);
    }
}

/// <summary>The API's view of an enterprise.</summary>
public static class EnterpriseDto
{
    public static object From(EnterpriseView v)
    {
        var e = v.Enterprise;
        return new
        {
            e.CreditCode, e.Name, e.IndustryCode, industryName = IndustryCodes.Find(e.IndustryCode)?.Name, e.Address, e.InZone,
            chainRole = e.ChainRole.ToString(), spawnedBy = v.SpawnedByCode, incubation = e.Incubation.ToString(), e.ResidentSince,
            e.GraduatedOn, e.MovedOutOn, listing = e.Listing.ToString(), e.ListedOn, e.IsDemo, e.Version,
            sizeClass = e.SizeClass is { } s ? SizeClassifier.Code(s) : null, e.SizeYear,
            qualifications = e.Qualifications.OrderBy(q => q.IssuedOn).Select(q => new { kind = q.Kind.ToString(), q.IssuedOn, q.ExpiresOn, q.CertificateNo }),
            years = v.Years.Select(y => new
            {
                y.Row.Year, y.Row.Employees, y.Row.DegreeHolders, y.Row.Revenue, y.Row.TotalAssets, y.Row.Output, y.Row.ProfitTax,
                y.Row.RnD, y.Row.LandArea, y.Row.NewJobs, sizeClass = SizeClassifier.Code(y.Row.SizeClass), sizeRule = y.Decision.RuleZh,
                sizeRuleEn = y.Decision.RuleEn, upgraded = y.Upgraded, y.Row.Version,
            }),
        };
    }
}
