using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Funds;

public sealed record BatchLine(string Source, string Document, DateOnly Date, long AmountFen);
public sealed record YearLine(int Year, long ReceivedFen, long DisbursedFen);
public sealed record CategoryLine(string Category, long AllocatedFen, long DisbursedFen);

/// <summary>Received, allocated, disbursed and the execution rate, by batch, year and category.</summary>
public sealed record FundFigures(long ReceivedFen, long AllocatedFen, long DisbursedFen, List<BatchLine> Batches, List<YearLine> ByYear, List<CategoryLine> ByCategory)
{
    /// <summary>执行率 = disbursed / received, in %; null when nothing was received.</summary>
    public decimal? ExecutionRate => ReceivedFen == 0 ? null : Math.Round(DisbursedFen * 100m / ReceivedFen, 2);
}

/// <summary>
/// The figures of a carrier's funds, summed from the ledger entries themselves (not the running totals, which they
/// must equal). With a year: what was received, allocated and disbursed within that year.
/// </summary>
public sealed class FundSummary(RongtongDb db)
{
    public async Task<FundFigures> HandleAsync(int carrierId, int? year = null, CancellationToken ct = default)
    {
        var funds = db.Funds.AsNoTracking().Where(f => f.CarrierId == carrierId);
        var batches = await db.FundBatches.AsNoTracking().Where(b => funds.Any(f => f.Id == b.FundId) && (year == null || b.ReceivedOn.Year == year))
            .Join(funds, b => b.FundId, f => f.Id, (b, f) => new { f.Source, b.DocumentNo, b.ReceivedOn, b.AmountFen })
            .OrderBy(b => b.ReceivedOn).ToListAsync(ct);
        var allocations = db.Allocations.AsNoTracking().Where(a => funds.Any(f => f.Id == a.FundId));
        var changes = await db.AllocationChanges.AsNoTracking().Where(c => allocations.Any(a => a.Id == c.AllocationId) && (year == null || c.EffectiveOn.Year == year))
            .Join(allocations, c => c.AllocationId, a => a.Id, (c, a) => new { a.Category, c.DeltaFen })
            .GroupBy(x => x.Category).Select(g => new { Category = g.Key, Sum = g.Sum(x => x.DeltaFen) }).ToListAsync(ct);
        var paid = await db.Disbursements.AsNoTracking().Where(d => allocations.Any(a => a.Id == d.AllocationId) && (year == null || d.PaidOn.Year == year))
            .Join(allocations, d => d.AllocationId, a => a.Id, (d, a) => new { a.Category, d.PaidOn.Year, d.AmountFen })
            .GroupBy(x => new { x.Category, x.Year }).Select(g => new { g.Key.Category, g.Key.Year, Sum = g.Sum(x => x.AmountFen) }).ToListAsync(ct);

        var byYear = batches.GroupBy(b => b.ReceivedOn.Year).Select(g => g.Key).Union(paid.Select(p => p.Year)).Order()
            .Select(y => new YearLine(y, batches.Where(b => b.ReceivedOn.Year == y).Sum(b => b.AmountFen), paid.Where(p => p.Year == y).Sum(p => p.Sum))).ToList();
        var byCategory = changes.Select(c => c.Category).Union(paid.Select(p => p.Category)).Order()
            .Select(c => new CategoryLine(c, changes.Where(x => x.Category == c).Sum(x => x.Sum), paid.Where(p => p.Category == c).Sum(p => p.Sum))).ToList();
        return new FundFigures(batches.Sum(b => b.AmountFen), changes.Sum(c => c.Sum), paid.Sum(p => p.Sum),
            batches.Select(b => new BatchLine(FundLedger.SourceLabel(b.Source), b.DocumentNo, b.ReceivedOn, b.AmountFen)).ToList(), byYear, byCategory);
    }
}
