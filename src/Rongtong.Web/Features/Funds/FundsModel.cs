using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rongtong.Web.Features.Projects;
using Rongtong.Web.Features.Registry;

namespace Rongtong.Web.Features.Funds;

internal sealed class FundsModel :
    IEntityTypeConfiguration<Fund>, IEntityTypeConfiguration<FundBatch>,
    IEntityTypeConfiguration<Allocation>, IEntityTypeConfiguration<AllocationChange>, IEntityTypeConfiguration<Disbursement>
{
    public void Configure(EntityTypeBuilder<Fund> b)
    {
        b.HasIndex(x => new { x.CarrierId, x.Source }).IsUnique();
        b.HasOne<Carrier>().WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Name).HasMaxLength(200);
        b.ToTable(t => t.HasCheckConstraint("CK_Funds_Limits", "\"AllocatedFen\" <= \"ReceivedFen\" AND \"DisbursedFen\" <= \"AllocatedFen\""));
    }

    public void Configure(EntityTypeBuilder<FundBatch> b)
    {
        b.HasOne<Fund>().WithMany().HasForeignKey(x => x.FundId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ReversalOfId).IsUnique();
        b.Property(x => x.DocumentNo).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<Allocation> b)
    {
        b.HasOne<Fund>().WithMany().HasForeignKey(x => x.FundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SubProject>().WithMany().HasForeignKey(x => x.SubProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Milestone>().WithMany().HasForeignKey(x => x.MilestoneId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Category).HasMaxLength(40);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.ToTable(t => t.HasCheckConstraint("CK_Allocations_Limits", "\"DisbursedFen\" <= \"AmountFen\" AND \"DisbursedFen\" >= 0"));
    }

    public void Configure(EntityTypeBuilder<AllocationChange> b)
    {
        b.HasOne<Allocation>().WithMany().HasForeignKey(x => x.AllocationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<Disbursement> b)
    {
        b.HasOne<Allocation>().WithMany().HasForeignKey(x => x.AllocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.PayeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ReversalOfId).IsUnique();
        // covering: the fund summary sums amounts by allocation and date without touching the table (docs/benchmarks.md)
        b.HasIndex(x => new { x.AllocationId, x.PaidOn, x.AmountFen });
        b.Property(x => x.VoucherNo).HasMaxLength(60);
        b.Property(x => x.Purpose).HasMaxLength(2000);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
    }
}
