using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auditing;

namespace Rongtong.Web.Features.Integration;

/// <summary>What a deal between a leading enterprise and an SME is about.</summary>
public enum DealKind { Procurement = 0, Technology = 1, Capacity = 2, Service = 3 }

/// <summary>
/// A deal recorded by the SME waits for the leading enterprise's confirmation; one recorded by the leading enterprise
/// or the operator is confirmed at once. Only confirmed deals count. A wrong deal is voided with a reason, never deleted.
/// </summary>
public enum DealState { Pending = 0, Confirmed = 1, Voided = 2 }

/// <summary>
/// 融通交易 — a contract between one of the carrier's leading enterprises (龙头企业) and an SME (中小企业): an order, a
/// technology contract, capacity shared, a service bought. Counted by the indicators 龙头企业与中小企业达成的交易额 (the
/// amounts signed in the period) and 已达成合作的行业龙头企业数 (the leading enterprises with a deal by the period's end).
/// </summary>
public sealed class Deal : IAudited
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    /// <summary>The leading enterprise (ChainRole 龙头) of the carrier's registry, in the zone or outside.</summary>
    public int LeadingId { get; set; }
    public Enterprise? Leading { get; set; }
    /// <summary>The SME of the carrier's registry (not a leading enterprise, not of size class 大型).</summary>
    public int SmeId { get; set; }
    public Enterprise? Sme { get; set; }
    public DealKind Kind { get; set; }
    /// <summary>标的 — what the deal is about.</summary>
    public string Subject { get; set; } = "";
    /// <summary>The leading enterprise's contract number, when there is one (unique per leading enterprise among deals not voided).</summary>
    public string? ContractNo { get; set; }
    public DateOnly SignedOn { get; set; }
    public long AmountFen { get; set; }
    public DealState State { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? VoidReason { get; set; }
}

public sealed class IntegrationModel : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> b)
    {
        b.HasIndex(x => new { x.CarrierId, x.SignedOn });
        b.HasIndex(x => x.SmeId);
        // a contract is recorded once, also when the SME and the leading enterprise record it at the same moment
        b.HasIndex(x => new { x.LeadingId, x.ContractNo }).IsUnique().HasFilter($"\"ContractNo\" IS NOT NULL AND \"State\" <> {(int)DealState.Voided}");
        b.HasOne<Carrier>().WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Leading).WithMany().HasForeignKey(x => x.LeadingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Sme).WithMany().HasForeignKey(x => x.SmeId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.ContractNo).HasMaxLength(50);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.Property(x => x.ConfirmedBy).HasMaxLength(256);
        b.Property(x => x.VoidReason).HasMaxLength(500);
        // confirming and voiding read the state and change it: two at once change it once
        b.Property(x => x.State).IsConcurrencyToken();
    }
}

/// <summary>A demand goes to the operator for review before SMEs see it; it closes when an answer is selected (past its deadline it takes no answers).</summary>
public enum DemandState { Submitted = 0, Open = 1, Rejected = 2, Closed = 3 }

/// <summary>
/// 需求榜单 (发榜) — what a leading enterprise asks of SMEs: a purchase, an R&D challenge, capacity. Reviewed by the
/// operator, then open to the carrier's SMEs until its deadline; an SME answers it (揭榜) and the leading enterprise
/// selects one answer, which becomes a confirmed <see cref="Deal"/>.
/// </summary>
public sealed class Demand : IAudited
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    public int LeadingId { get; set; }
    public Enterprise? Leading { get; set; }
    public DealKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>预算 in 分, when the leading enterprise states one.</summary>
    public long? BudgetFen { get; set; }
    /// <summary>The last day answers are taken.</summary>
    public DateOnly Deadline { get; set; }
    public DemandState State { get; set; }
    public string? ReviewNote { get; set; }
    public string PostedBy { get; set; } = "";
    public DateTime PostedAt { get; set; }
    public int? DealId { get; set; }
}

public enum AnswerState { Submitted = 0, Selected = 1, NotSelected = 2 }

/// <summary>揭榜 — an SME's answer to an open demand: its proposal and quote. One per SME and demand.</summary>
public sealed class DemandAnswer : IAudited
{
    public int Id { get; set; }
    public int DemandId { get; set; }
    public int SmeId { get; set; }
    public Enterprise? Sme { get; set; }
    public string Proposal { get; set; } = "";
    public long PriceFen { get; set; }
    public AnswerState State { get; set; }
    public string AnsweredBy { get; set; } = "";
    public DateTime AnsweredAt { get; set; }
}

public sealed class DemandModel : IEntityTypeConfiguration<Demand>, IEntityTypeConfiguration<DemandAnswer>
{
    public void Configure(EntityTypeBuilder<Demand> b)
    {
        b.HasIndex(x => new { x.CarrierId, x.State, x.Deadline });
        b.HasOne<Carrier>().WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Leading).WithMany().HasForeignKey(x => x.LeadingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Deal>().WithMany().HasForeignKey(x => x.DealId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.ReviewNote).HasMaxLength(500);
        b.Property(x => x.PostedBy).HasMaxLength(256);
        // review, selection and closing read the state and change it: two at once change it once
        b.Property(x => x.State).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<DemandAnswer> b)
    {
        b.HasIndex(x => new { x.DemandId, x.SmeId }).IsUnique();
        b.HasOne<Demand>().WithMany().HasForeignKey(x => x.DemandId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Sme).WithMany().HasForeignKey(x => x.SmeId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Proposal).HasMaxLength(2000);
        b.Property(x => x.AnsweredBy).HasMaxLength(256);
    }
}
