using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rongtong.Web.Features.Registry;

namespace Rongtong.Web.Features.Performance;

internal sealed class PerformanceModel :
    IEntityTypeConfiguration<IndicatorCatalogue>, IEntityTypeConfiguration<IndicatorDefinition>,
    IEntityTypeConfiguration<PerformancePeriod>, IEntityTypeConfiguration<IndicatorValue>,
    IEntityTypeConfiguration<EvidenceFile>, IEntityTypeConfiguration<StatedFigure>
{
    public void Configure(EntityTypeBuilder<IndicatorCatalogue> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.NameZh).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.Authority).HasMaxLength(100);
        b.HasMany(x => x.Indicators).WithOne().HasForeignKey(x => x.CatalogueId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<IndicatorDefinition> b)
    {
        b.HasIndex(x => new { x.CatalogueId, x.Code }).IsUnique();
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.DimensionZh).HasMaxLength(40);
        b.Property(x => x.DimensionEn).HasMaxLength(80);
        b.Property(x => x.NameZh).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.ShortZh).HasMaxLength(200);
        b.Property(x => x.Unit).HasMaxLength(20);
        b.Property(x => x.UnitEn).HasMaxLength(40);
        b.Property(x => x.Computation).HasMaxLength(60);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsPercent);
    }

    public void Configure(EntityTypeBuilder<PerformancePeriod> b)
    {
        b.HasIndex(x => new { x.CarrierId, x.Year, x.Kind }).IsUnique();
        b.HasOne<Carrier>().WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.SubmittedBy).HasMaxLength(100);
        b.Property(x => x.ApprovedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<IndicatorValue> b)
    {
        b.HasIndex(x => new { x.CarrierId, x.Year, x.Period, x.IndicatorId, x.Kind }).IsUnique();
        b.HasOne<Carrier>().WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.ValueId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.OverrideReason).HasMaxLength(1000);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.Property(x => x.MissReason).HasMaxLength(4000);
        b.Property(x => x.EnteredBy).HasMaxLength(100);
        b.Property(x => x.ReturnMessage).HasMaxLength(1000);
        b.Property(x => x.ReturnedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<EvidenceFile> b)
    {
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.StoreKey).HasMaxLength(200);
        b.Property(x => x.UploadedBy).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<StatedFigure> b)
    {
        b.HasIndex(x => new { x.CarrierId, x.Year, x.Period });
        b.HasOne<Carrier>().WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Source).HasMaxLength(200);
        b.Property(x => x.Quote).HasMaxLength(1000);
    }
}
