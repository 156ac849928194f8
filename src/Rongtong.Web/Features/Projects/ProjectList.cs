using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Time;

namespace Rongtong.Web.Features.Projects;

/// <summary>One sub-project as listed: money from the ledger, progress computed from the latest stated investment.</summary>
public sealed record ProjectRow(
    int Id, string Code, string Name, string? ProgrammeCode, string? Programme, int? UnitId, string? Unit,
    long TotalInvestmentFen, long SpecialFundFen, long AllocatedFen, long DisbursedFen, long? InvestedFen, DateOnly? LastUpdateOn,
    SubProjectStatus Status, ProjectProgress.MilestoneCount Milestones)
{
    public decimal? Progress => ProjectProgress.Percent(InvestedFen, TotalInvestmentFen);
}

/// <summary>
/// The sub-projects a user may see in a carrier: the operator and authority all of them, an implementing unit's
/// user only those its enterprise runs.
/// </summary>
public sealed class ProjectList(RongtongDb db, CurrentScope scope, TimeProvider clock)
{
    /// <param name="asOf">Figures as they stood on that day (the report's year end): entries, updates and milestones up to it.</param>
    public async Task<List<ProjectRow>> HandleAsync(int carrierId, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var q = Visible(db, scope, carrierId);
        var rows = await q.OrderBy(p => p.Code).Select(p => new
        {
            p.Id, p.Code, p.Name, p.UnitId, p.TotalInvestmentFen, p.SpecialFundFen, p.Status,
            Programme = db.Programmes.Where(g => g.Id == p.ProgrammeId).Select(g => new { g.Code, g.Name, g.SortOrder }).FirstOrDefault(),
            Unit = db.Enterprises.Where(e => e.Id == p.UnitId).Select(e => e.Name).FirstOrDefault(),
            Allocated = db.AllocationChanges.Where(c => (asOf == null || c.EffectiveOn <= asOf) && db.Allocations.Any(a => a.Id == c.AllocationId && a.SubProjectId == p.Id)).Sum(c => (long?)c.DeltaFen) ?? 0,
            Disbursed = db.Disbursements.Where(d => (asOf == null || d.PaidOn <= asOf) && db.Allocations.Any(a => a.Id == d.AllocationId && a.SubProjectId == p.Id)).Sum(d => (long?)d.AmountFen) ?? 0,
            Invested = db.ProgressUpdates.Where(u => u.SubProjectId == p.Id && u.InvestedFen != null && (asOf == null || u.On <= asOf))
                .OrderByDescending(u => u.On).ThenByDescending(u => u.Id).Select(u => u.InvestedFen).FirstOrDefault(),
            Last = db.ProgressUpdates.Where(u => u.SubProjectId == p.Id && (asOf == null || u.On <= asOf)).Max(u => (DateOnly?)u.On),
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var today = asOf ?? clock.Today();
        // a milestone counts as approved as of a day when it was approved by then
        var until = today.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        var milestones = (await db.Milestones.AsNoTracking().Where(m => ids.Contains(m.SubProjectId))
            .Select(m => new { m.SubProjectId, m.DueOn, m.State, m.ApprovedAt }).ToListAsync(ct))
            .Select(m => new { m.SubProjectId, m.DueOn, State = m.State == MilestoneState.Approved && asOf is not null && m.ApprovedAt > until ? MilestoneState.Reported : m.State });
        return rows.OrderBy(r => r.Programme?.SortOrder ?? int.MaxValue).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new ProjectRow(r.Id, r.Code, r.Name, r.Programme?.Code, r.Programme?.Name, r.UnitId, r.Unit, r.TotalInvestmentFen, r.SpecialFundFen,
                r.Allocated, r.Disbursed, r.Invested, r.Last, r.Status,
                ProjectProgress.Count(milestones.Where(m => m.SubProjectId == r.Id).Select(m => (m.DueOn, m.State)), today)))
            .ToList();
    }

    /// <summary>The sub-projects of a carrier this user may read (none outside its carriers; all for the CLI, which has no user).</summary>
    public static IQueryable<SubProject> Visible(RongtongDb db, CurrentScope scope, int carrierId)
    {
        var q = db.SubProjects.AsNoTracking().Where(p => p.CarrierId == carrierId);
        if (!scope.IsSignedIn || scope.CanReadRegistry && scope.CarrierIds.Contains(carrierId)) return q;
        if (scope.IsEnterpriseUser && scope.EnterpriseId is { } e && scope.HomeCarrierId == carrierId) return q.Where(p => p.UnitId == e);
        return q.Where(p => false);
    }

    /// <summary>How many units an enterprise field suggests before anything is typed.</summary>
    public const int SuggestedUnits = 50;

    /// <summary>
    /// The implementing units of the carrier's sub-projects, by name, as an enterprise field suggests them (units and
    /// payees: the organisations these forms name most). Read from the sub-projects, so that it costs the same for a
    /// registry of 100,000 (ordering the registry by chain role to put the leading enterprises first took 100 ms there).
    /// </summary>
    public static async Task<List<string>> UnitSuggestionsAsync(RongtongDb db, int carrierId, CancellationToken ct) =>
        (await db.Enterprises.AsNoTracking()
            .Where(e => e.CarrierId == carrierId && db.SubProjects.Where(p => p.CarrierId == carrierId).Select(p => p.UnitId).Contains(e.Id))
            .OrderBy(e => e.Name).Take(SuggestedUnits).Select(e => new { e.Name, e.CreditCode }).ToListAsync(ct))
        .Select(e => EnterprisePicker.Label(e.Name, e.CreditCode)).ToList();

    /// <summary>The rows in the form of the CLI's <c>projects</c> and the API: amounts in 万元, progress in %.</summary>
    public static IEnumerable<object> ToJson(IEnumerable<ProjectRow> rows) => rows.Select(p => new
    {
        code = p.Code, name = p.Name, programme = p.Programme, unit = p.Unit,
        totalInvestment = p.TotalInvestmentFen == 0 ? (decimal?)null : Money.ToWan(p.TotalInvestmentFen),
        specialFund = p.SpecialFundFen == 0 ? (decimal?)null : Money.ToWan(p.SpecialFundFen),
        invested = p.InvestedFen is { } i ? Money.ToWan(i) : (decimal?)null,
        progress = p.Progress,
        status = p.Status.ToString().ToLowerInvariant(),
    });
}
