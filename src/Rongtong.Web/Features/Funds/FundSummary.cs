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
        // a year as a date range, so that the (AllocationId, PaidOn) index finds a year's disbursements
        var (from, to) = year is { } y ? LedgerFilter.YearRange(y) : (DateOnly.MinValue, DateOnly.MaxValue);
        var funds = db.Funds.AsNoTracking().Where(f => f.CarrierId == carrierId);
        var allocations = funds.Join(db.Allocations, f => f.Id, a => a.FundId, (f, a) => a);
        // one statement: the batches, and the allocation changes and disbursements summed by category and year
        var batches = funds.Join(db.FundBatches.Where(b => year == null || (b.ReceivedOn >= from && b.ReceivedOn < to)), f => f.Id, b => b.FundId,
            (f, b) => new { Kind = 0, Category = (string?)null, Year = 0, Source = (FundSource?)f.Source, Document = (string?)b.DocumentNo, Date = (DateOnly?)b.ReceivedOn, Fen = b.AmountFen, b.Id });
        var changes = allocations.Join(db.AllocationChanges.Where(c => year == null || (c.EffectiveOn >= from && c.EffectiveOn < to)), a => a.Id, c => c.AllocationId,
                (a, c) => new { a.Category, c.EffectiveOn.Year, c.DeltaFen })
            .GroupBy(x => new { x.Category, x.Year })
            .Select(g => new { Kind = 1, Category = (string?)g.Key.Category, g.Key.Year, Source = (FundSource?)null, Document = (string?)null, Date = (DateOnly?)null, Fen = g.Sum(x => x.DeltaFen), Id = 0 });
        var paid = allocations.Join(db.Disbursements.Where(d => year == null || (d.PaidOn >= from && d.PaidOn < to)), a => a.Id, d => d.AllocationId,
                (a, d) => new { a.Category, d.PaidOn.Year, d.AmountFen })
            .GroupBy(x => new { x.Category, x.Year })
            .Select(g => new { Kind = 2, Category = (string?)g.Key.Category, g.Key.Year, Source = (FundSource?)null, Document = (string?)null, Date = (DateOnly?)null, Fen = g.Sum(x => x.AmountFen), Id = 0 });
        var rows = await batches.Concat(changes).Concat(paid).ToListAsync(ct);
        return Assemble(
            rows.Where(r => r.Kind == 0).OrderBy(r => r.Date).ThenBy(r => r.Id).Select(r => new BatchLine(FundLedger.SourceLabel(r.Source!.Value), r.Document!, r.Date!.Value, r.Fen)).ToList(),
            rows.Where(r => r.Kind == 1).Select(r => new LedgerSum(r.Category!, r.Year, r.Fen)).ToList(),
            rows.Where(r => r.Kind == 2).Select(r => new LedgerSum(r.Category!, r.Year, r.Fen)).ToList());
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
