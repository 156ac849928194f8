using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Registry;

namespace Rongtong.Web.Features.Projects;

internal sealed class ProjectsModel :
    IEntityTypeConfiguration<Programme>, IEntityTypeConfiguration<SubProject>, IEntityTypeConfiguration<BudgetLine>,
    IEntityTypeConfiguration<Milestone>, IEntityTypeConfiguration<ProgressUpdate>, IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.HasIndex(x => new { x.CarrierId, x.Code }).IsUnique();
        b.HasOne<Carrier>().WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<SubProject> b)
    {
        b.HasIndex(x => new { x.CarrierId, x.Code }).IsUnique();
        b.HasIndex(x => x.UnitId);
        b.HasOne<Carrier>().WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Content).HasMaxLength(4000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.ToTable(t => t.HasCheckConstraint("CK_SubProjects_Money", "\"TotalInvestmentFen\" >= 0 AND \"SpecialFundFen\" >= 0"));
    }

    public void Configure(EntityTypeBuilder<BudgetLine> b)
    {
        b.HasOne<SubProject>().WithMany().HasForeignKey(x => x.SubProjectId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Category).HasMaxLength(40);
        b.Property(x => x.Item).HasMaxLength(200);
        b.ToTable(t => t.HasCheckConstraint("CK_BudgetLines_Money", "\"AmountFen\" > 0 AND \"SpecialFundFen\" >= 0 AND \"SpecialFundFen\" <= \"AmountFen\""));
    }

    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.HasOne<SubProject>().WithMany().HasForeignKey(x => x.SubProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SubProjectId, x.DueOn });
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ReportedBy).HasMaxLength(100);
        b.Property(x => x.ApprovedBy).HasMaxLength(100);
        // a report and an approval, or two approvals, at once: the second finds the state changed
        b.Property(x => x.State).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<ProgressUpdate> b)
    {
        b.HasOne<SubProject>().WithMany().HasForeignKey(x => x.SubProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SubProjectId, x.On });
        b.Property(x => x.Text).HasMaxLength(8000);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.HasOne<ProgressUpdate>().WithMany().HasForeignKey(x => x.ProgressUpdateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Disbursement>().WithMany().HasForeignKey(x => x.DisbursementId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ProgressUpdateId);
        b.HasIndex(x => x.DisbursementId);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(120);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.StoreKey).HasMaxLength(80);
        b.Property(x => x.Caption).HasMaxLength(200);
        b.Property(x => x.UploadedBy).HasMaxLength(100);
        b.Ignore(x => x.IsPhoto);
        b.ToTable(t => t.HasCheckConstraint("CK_Attachments_Owner", "(\"ProgressUpdateId\" IS NULL) <> (\"DisbursementId\" IS NULL)"));
    }
}
