using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Auth;

namespace Rongtong.Web.Features.Registry;

internal sealed class RegistryChangeConfiguration : IEntityTypeConfiguration<RegistryChange>
{
    public void Configure(EntityTypeBuilder<RegistryChange> b) => b.HasKey(x => new { x.CarrierId, x.Version, x.EnterpriseId });
}

internal sealed class CarrierConfiguration : IEntityTypeConfiguration<Carrier>
{
    public void Configure(EntityTypeBuilder<Carrier> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.MainIndustries).HasMaxLength(400);
        b.Ignore(x => x.MainIndustryCodes);
    }
}

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> b)
    {
        b.Property(x => x.CreditCode).HasMaxLength(18);
        b.HasIndex(x => x.CreditCode).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.IndustryCode).HasMaxLength(8);
        b.Property(x => x.SearchText).HasMaxLength(240);
        b.Property(x => x.SearchGrams).HasMaxLength(2000);
        b.HasIndex(x => new { x.CarrierId, x.Name });
        b.HasIndex(x => new { x.CarrierId, x.IndustryCode });
        b.HasOne(x => x.Carrier).WithMany().HasForeignKey(x => x.CarrierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.SpawnedBy).WithMany().HasForeignKey(x => x.SpawnedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Qualifications).WithOne().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Years).WithOne(y => y.Enterprise).HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class QualificationConfiguration : IEntityTypeConfiguration<Qualification>
{
    public void Configure(EntityTypeBuilder<Qualification> b)
    {
        b.HasIndex(x => new { x.EnterpriseId, x.Kind, x.IssuedOn }).IsUnique();
        b.Property(x => x.CertificateNo).HasMaxLength(60);
    }
}

internal sealed class EnterpriseYearConfiguration : IEntityTypeConfiguration<EnterpriseYear>
{
    public void Configure(EntityTypeBuilder<EnterpriseYear> b)
    {
        b.HasIndex(x => new { x.EnterpriseId, x.Year }).IsUnique();
        // a carrier's rows of one year in enterprise order with their size class: the carrier's latest year, a year's
        // totals and the previous year of the size upgrades are read along it, without joining the enterprises (the
        // join cost PostgreSQL 260 ms for 100,000 enterprises) and without reading other carriers' rows
        b.HasIndex(x => new { x.CarrierId, x.Year, x.EnterpriseId, x.SizeClass });
        b.Property(x => x.SizeRule).HasMaxLength(400);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class PlatformConfiguration : IEntityTypeConfiguration<AuditEntry>, IEntityTypeConfiguration<AuthorityScope>, IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(x => new { x.CarrierId, x.At });
        b.HasIndex(x => new { x.Entity, x.EntityId });
        b.Property(x => x.OldValue).HasMaxLength(4000);
        b.Property(x => x.NewValue).HasMaxLength(4000);
    }

    public void Configure(EntityTypeBuilder<AuthorityScope> b) => b.HasKey(x => new { x.UserId, x.CarrierId });

    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.Property(x => x.TokenHash).HasMaxLength(64);
        // one pending invitation per user name, also when two operators invite the same name at once
        b.HasIndex(x => x.UserName).IsUnique().HasFilter("\"AcceptedAt\" IS NULL");
    }
}
