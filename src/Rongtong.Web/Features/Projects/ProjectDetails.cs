using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Time;

namespace Rongtong.Web.Features.Projects;

/// <summary>A progress update with its files, and what it says against what is computed.</summary>
public sealed record UpdateView(ProgressUpdate Update, List<Attachment> Files, decimal? Computed)
{
    /// <summary>The text states a percentage that the amounts do not give (e.g. "30.9%" for 137.8 of 458).</summary>
    public bool Contradicts => ProjectProgress.Contradicts(Update.StatedPercent, Computed);
}

public sealed record AllocationView(int Id, string Fund, string Category, long AmountFen, long DisbursedFen, string? Milestone, bool Gated);

/// <summary>Everything the sub-project page and the API show of one sub-project.</summary>
public sealed record ProjectDetail(
    SubProject Project, string? Programme, string? Unit, List<BudgetLine> Budget, List<Milestone> Milestones, List<UpdateView> Updates,
    List<AllocationView> Allocations, ProjectProgress.MilestoneCount MilestoneCount)
{
    public long AllocatedFen => Allocations.Sum(a => a.AmountFen);
    public long DisbursedFen => Allocations.Sum(a => a.DisbursedFen);
    /// <summary>The latest stated cumulative investment.</summary>
    public long? InvestedFen => Updates.Where(u => u.Update.InvestedFen != null).Select(u => u.Update.InvestedFen).FirstOrDefault();
    public decimal? Progress => ProjectProgress.Percent(InvestedFen, Project.TotalInvestmentFen);
    public string? Sentence(bool english) => ProjectProgress.Sentence(InvestedFen, Project.TotalInvestmentFen, english);
}

/// <summary>Loads one sub-project (already checked visible by <see cref="ProjectWork.FindAsync"/>) with its budget, milestones, updates and allocations.</summary>
public sealed class ProjectDetails(RongtongDb db, TimeProvider clock)
{
    public async Task<ProjectDetail> HandleAsync(SubProject p, CancellationToken ct = default)
    {
        var programme = await db.Programmes.Where(g => g.Id == p.ProgrammeId).Select(g => g.Code + " " + g.Name).FirstOrDefaultAsync(ct);
        var unit = await db.Enterprises.Where(e => e.Id == p.UnitId).Select(e => e.Name).FirstOrDefaultAsync(ct);
        var budget = await db.BudgetLines.AsNoTracking().Where(b => b.SubProjectId == p.Id).OrderBy(b => b.Id).ToListAsync(ct);
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.SubProjectId == p.Id).OrderBy(m => m.DueOn).ThenBy(m => m.Id).ToListAsync(ct);
        var updates = await db.ProgressUpdates.AsNoTracking().Where(u => u.SubProjectId == p.Id).OrderByDescending(u => u.On).ThenByDescending(u => u.Id).ToListAsync(ct);
        var ids = updates.Select(u => u.Id).ToList();
        var files = await db.Attachments.AsNoTracking().Where(a => a.ProgressUpdateId != null && ids.Contains(a.ProgressUpdateId.Value)).OrderBy(a => a.Id).ToListAsync(ct);
        var allocations = await db.Allocations.AsNoTracking().Where(a => a.SubProjectId == p.Id).OrderBy(a => a.Id)
            .Select(a => new
            {
                a.Id, Fund = db.Funds.Where(f => f.Id == a.FundId).Select(f => f.Name).First(), a.Category, a.AmountFen, a.DisbursedFen,
                Milestone = db.Milestones.Where(m => m.Id == a.MilestoneId).Select(m => new { m.Name, m.State }).FirstOrDefault(),
            }).ToListAsync(ct);
        var today = clock.Today();
        return new ProjectDetail(p, programme, unit, budget, milestones,
            updates.Select(u => new UpdateView(u, files.Where(f => f.ProgressUpdateId == u.Id).ToList(), ProjectProgress.Percent(u.InvestedFen, p.TotalInvestmentFen))).ToList(),
            allocations.Select(a => new AllocationView(a.Id, a.Fund, a.Category, a.AmountFen, a.DisbursedFen, a.Milestone?.Name,
                a.Milestone is { } m && m.State != MilestoneState.Approved)).ToList(),
            ProjectProgress.Count(milestones.Select(m => (m.DueOn, m.State)), today));
    }
}
