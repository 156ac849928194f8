using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Projects;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Reports;
using Rongtong.Web.Features.Registry.Search;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Auth;

namespace Rongtong.Web.Platform.Data;

/// <summary>
/// The one DbContext. Modules add their entity sets and configuration here. Two provider-specific subclasses carry
/// their own migrations (docs/adr/0002-one-context-two-migration-sets.md). The web app and the CLI rent instances from a
/// pool (<see cref="Database.AddRongtongDb"/>), so the constructor takes only the options: who the changes are audited as
/// and the clock are given by <see cref="ActingAs"/> on every rent and dropped again when the context is returned.
/// </summary>
public abstract class RongtongDb(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    private TimeProvider clock = TimeProvider.System;

    public DbSet<Carrier> Carriers => Set<Carrier>();
    public DbSet<RegistryChange> RegistryChanges => Set<RegistryChange>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Qualification> Qualifications => Set<Qualification>();
    public DbSet<EnterpriseYear> EnterpriseYears => Set<EnterpriseYear>();
    public DbSet<IndicatorCatalogue> IndicatorCatalogues => Set<IndicatorCatalogue>();
    public DbSet<IndicatorDefinition> Indicators => Set<IndicatorDefinition>();
    public DbSet<PerformancePeriod> PerformancePeriods => Set<PerformancePeriod>();
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<StatedFigure> StatedFigures => Set<StatedFigure>();
    public DbSet<ReportNarrative> ReportNarratives => Set<ReportNarrative>();
    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();
    public DbSet<Fund> Funds => Set<Fund>();
    public DbSet<FundBatch> FundBatches => Set<FundBatch>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<SubProject> SubProjects => Set<SubProject>();
    public DbSet<ProgressUpdate> ProgressUpdates => Set<ProgressUpdate>();
    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Allocation> Allocations => Set<Allocation>();
    public DbSet<AllocationChange> AllocationChanges => Set<AllocationChange>();
    public DbSet<Disbursement> Disbursements => Set<Disbursement>();
    public DbSet<Features.Integration.Deal> Deals => Set<Features.Integration.Deal>();
    public DbSet<Features.Integration.Demand> Demands => Set<Features.Integration.Demand>();
    public DbSet<Features.Integration.DemandAnswer> DemandAnswers => Set<Features.Integration.DemandAnswer>();
    public DbSet<AuthorityScope> AuthorityScopes => Set<AuthorityScope>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The clock the context was rented with (the app's <see cref="TimeProvider"/>).</summary>
    public TimeProvider Clock => clock;

    /// <summary>Who the changes are audited as (the "system" actor until <see cref="ActingAs"/> is called).</summary>
    public AuditActor Actor { get; private set; } = new();

    /// <summary>Audits the changes of this context as <paramref name="actor"/>, timed by <paramref name="time"/>.</summary>
    public RongtongDb ActingAs(AuditActor actor, TimeProvider time)
    {
        Actor = actor;
        clock = time;
        return this;
    }

    // a pooled context goes back to the pool here: it must not keep the last request's actor
    public override void Dispose()
    {
        ActingAs(new AuditActor(), TimeProvider.System);
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        ActingAs(new AuditActor(), TimeProvider.System);
        return base.DisposeAsync();
    }

    public abstract bool IsPostgres { get; }

    /// <summary>
    /// A plain command on this context's connection and transaction, for the few hot paths that skip EF's query
    /// pipeline (the registry view, the search count). The caller opens the connection.
    /// </summary>
    public System.Data.Common.DbCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = Database.GetDbConnection().CreateCommand();
        cmd.Transaction = Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.ApplyConfigurationsFromAssembly(typeof(RongtongDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // exact decimals as scaled integers on both providers (docs/adr/0003-exact-numbers.md)
        c.Properties<decimal>().HaveConversion<ScaledDecimal.Converter>();
        c.Properties<decimal?>().HaveConversion<ScaledDecimal.NullableConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        foreach (var y in ChangeTracker.Entries<EnterpriseYear>().Where(y => y.State == EntityState.Added && y.Entity.CarrierId == 0))
            throw new InvalidOperationException($"the yearly figures of enterprise {y.Entity.EnterpriseId} have no carrier");
        var pending = AuditCollector.Collect(ChangeTracker, Actor, clock.GetUtcNow().UtcDateTime);
        var search = SearchIndex.Pending(this);
        var deleted = search.Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToList();
        search.RemoveAll(e => e.State == EntityState.Deleted);
        var registries = await RegistryViews.ChangesAsync(this, ct);
        if (pending.Count == 0 && search.Count == 0 && deleted.Count == 0 && registries.IsEmpty)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            foreach (var p in pending)
            {
                AuditCollector.Complete(p);
                AuditEntries.AddRange(p.Rows);
            }
            await base.SaveChangesAsync(true, ct);
            await SearchIndex.ApplyAsync(this, search, deleted, ct);
            await RegistryViews.BumpAsync(this, registries.Resolve(), ct);
            if (own is not null) await own.CommitAsync(ct);
            return n;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }
}

public sealed class SqliteRongtongDb(DbContextOptions<SqliteRongtongDb> options) : RongtongDb(options)
{
    public override bool IsPostgres => false;
}

public sealed class PostgresRongtongDb(DbContextOptions<PostgresRongtongDb> options) : RongtongDb(options)
{
    public override bool IsPostgres => true;
}
