using Rongtong.Web.Platform.Auditing;

namespace Rongtong.Web.Features.Projects;

/// <summary>工程 — a group of sub-projects of a carrier (the seed has three).</summary>
public sealed class Programme : IAudited
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
}

public enum SubProjectStatus { Planned = 0, Running = 1, Completed = 2, Suspended = 3 }

/// <summary>子项目 — run by an implementing unit (a registry enterprise or institution), paid partly by the special fund.</summary>
public sealed class SubProject : IAudited
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    public int? ProgrammeId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>实施单位 in the registry; its users see and update this sub-project.</summary>
    public int? UnitId { get; set; }
    public string? Content { get; set; }
    /// <summary>项目总投资 (planned).</summary>
    public long TotalInvestmentFen { get; set; }
    /// <summary>The part of the total paid by the special fund (专项资金支持).</summary>
    public long SpecialFundFen { get; set; }
    public SubProjectStatus Status { get; set; }
    public DateOnly? StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    /// <summary>Optimistic concurrency token.</summary>
    public int Version { get; set; }
}

/// <summary>A budget line of a sub-project (预算科目): what the planned investment is for.</summary>
public sealed class BudgetLine : IAudited
{
    public int Id { get; set; }
    public int SubProjectId { get; set; }
    /// <summary>Spending category code (<see cref="Funds.SpendingCategories"/>).</summary>
    public string Category { get; set; } = "";
    public string Item { get; set; } = "";
    public long AmountFen { get; set; }
    /// <summary>Of which paid by the special fund.</summary>
    public long SpecialFundFen { get; set; }
}

public enum MilestoneState { Open = 0, Reported = 1, Approved = 2 }

/// <summary>
/// A milestone of a sub-project with a due date. The implementing unit reports it done; the operator approves it —
/// and an allocation can require an approved milestone before anything is disbursed from it.
/// </summary>
public sealed class Milestone : IAudited
{
    public int Id { get; set; }
    public int SubProjectId { get; set; }
    public string Name { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public MilestoneState State { get; set; }
    public DateOnly? DoneOn { get; set; }
    public string? ReportedBy { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
}

/// <summary>A dated progress update of a sub-project, with photos and documents (<see cref="Attachment"/>).</summary>
public sealed class ProgressUpdate : IAudited
{
    public int Id { get; set; }
    public int SubProjectId { get; set; }
    public DateOnly On { get; set; }
    public string Text { get; set; } = "";
    /// <summary>Invested so far (累计完成投资), when stated.</summary>
    public long? InvestedFen { get; set; }
    /// <summary>A percentage the text states for the progress ("…的30.9%"), kept to compare with the computed one.</summary>
    public decimal? StatedPercent { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A file attached to a progress update (photo or document) or to a disbursement (proof of use). The bytes are in the
/// file store under a content key; the name shown is sanitised and never used as a path.
/// </summary>
public sealed class Attachment : IAudited
{
    public int Id { get; set; }
    public int? ProgressUpdateId { get; set; }
    public int? DisbursementId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string StoreKey { get; set; } = "";
    public string? Caption { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }

    public bool IsPhoto => ContentType is "image/png" or "image/jpeg";
}
