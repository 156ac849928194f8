using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Funds;

public sealed record BatchLine(string Source, string Document, DateOnly Date, long AmountFen);
/// <summary>A year's batches received, allocation changes (by their EffectiveOn) and disbursements.</summary>
public sealed record YearLine(int Year, long ReceivedFen, long AllocatedFen, long DisbursedFen);
/// <summary>A sum of ledger entries (allocation changes or disbursements) in a spending category and year.</summary>
public sealed record LedgerSum(string Category, int Year, long Fen);
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
            .Join(funds, b => b.FundId, f => f.Id, (b, f) => new { f.Source, b.DocumentNo, b.ReceivedOn, b.AmountFen, b.Id })
            .OrderBy(b => b.ReceivedOn).ThenBy(b => b.Id).ToListAsync(ct);
        var allocations = db.Allocations.AsNoTracking().Where(a => funds.Any(f => f.Id == a.FundId));
        var changes = await db.AllocationChanges.AsNoTracking().Where(c => allocations.Any(a => a.Id == c.AllocationId) && (year == null || c.EffectiveOn.Year == year))
            .Join(allocations, c => c.AllocationId, a => a.Id, (c, a) => new { a.Category, c.EffectiveOn.Year, c.DeltaFen })
            .GroupBy(x => new { x.Category, x.Year }).Select(g => new LedgerSum(g.Key.Category, g.Key.Year, g.Sum(x => x.DeltaFen))).ToListAsync(ct);
        var paid = await db.Disbursements.AsNoTracking().Where(d => allocations.Any(a => a.Id == d.AllocationId) && (year == null || d.PaidOn.Year == year))
            .Join(allocations, d => d.AllocationId, a => a.Id, (d, a) => new { a.Category, d.PaidOn.Year, d.AmountFen })
            .GroupBy(x => new { x.Category, x.Year }).Select(g => new LedgerSum(g.Key.Category, g.Key.Year, g.Sum(x => x.AmountFen))).ToListAsync(ct);
        return Assemble(batches.Select(b => new BatchLine(FundLedger.SourceLabel(b.Source), b.DocumentNo, b.ReceivedOn, b.AmountFen)).ToList(), changes, paid);
    }

    /// <summary>The figures from the batches (in date order) and the sums of allocation changes and disbursements by category and year.</summary>
    public static FundFigures Assemble(List<BatchLine> batches, List<LedgerSum> allocated, List<LedgerSum> paid)
    {
        var byYear = batches.Select(b => b.Date.Year).Concat(allocated.Select(a => a.Year)).Concat(paid.Select(p => p.Year)).Distinct().Order()
            .Select(y => new YearLine(y, batches.Where(b => b.Date.Year == y).Sum(b => b.AmountFen), allocated.Where(a => a.Year == y).Sum(a => a.Fen), paid.Where(p => p.Year == y).Sum(p => p.Fen)))
            .ToList();
        var byCategory = allocated.Select(a => a.Category).Union(paid.Select(p => p.Category)).Order(StringComparer.Ordinal)
            .Select(c => new CategoryLine(c, allocated.Where(a => a.Category == c).Sum(a => a.Fen), paid.Where(p => p.Category == c).Sum(p => p.Fen))).ToList();
        return new FundFigures(batches.Sum(b => b.AmountFen), allocated.Sum(a => a.Fen), paid.Sum(p => p.Fen), batches, byYear, byCategory);
    }
}
