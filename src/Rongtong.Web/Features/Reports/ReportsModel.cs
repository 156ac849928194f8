using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rongtong.Web.Features.Registry;

namespace Rongtong.Web.Features.Reports;

internal sealed class ReportsModel : IEntityTypeConfiguration<ReportNarrative>, IEntityTypeConfiguration<ReportSnapshot>
{
    public void Configure(EntityTypeBuilder<ReportNarrative> b)
    {
        b.HasIndex(x => new { x.CarrierId, x.Year, x.Section }).IsUnique();
        b.HasOne<Carrier>().WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Section).HasMaxLength(4);
        b.Property(x => x.Text).HasMaxLength(40000);
        b.Property(x => x.UpdatedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<ReportSnapshot> b)
    {
        b.HasIndex(x => new { x.CarrierId, x.Year, x.Version }).IsUnique();
        b.HasOne<Carrier>().WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
    }
}
