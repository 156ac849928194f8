using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Rongtong.Web.Platform.Auditing;

/// <summary>Marks an entity whose changes are written to the audit log.</summary>
public interface IAudited;

/// <summary>
/// An audited entity that every carrier shares (the indicator catalogue): its changes are filed under no carrier, and
/// every carrier's log shows them, since they change every carrier's evaluation.
/// </summary>
public interface IPlatformWide;

/// <summary>
/// 审计日志 — append-only: who changed what, when, from what to what. Written in the same transaction as the change.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string Actor { get; set; } = "";
    public int? CarrierId { get; set; }
    /// <summary>created | updated | deleted.</summary>
    public string Action { get; set; } = "";
    public string Entity { get; set; } = "";
    public string EntityId { get; set; } = "";
    /// <summary>A human handle for the row (e.g. the credit code), so the log reads without joins.</summary>
    public string? EntityLabel { get; set; }
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}

/// <summary>Who is acting in this scope (a signed-in user, the CLI, the seeder). Scoped service.</summary>
public sealed class AuditActor
{
    public string? UserId { get; set; }
    public string Name { get; set; } = "system";
    public int? CarrierId { get; set; }
}

internal static class AuditCollector
{
    // bookkeeping and derived columns: recorded by the change that causes them, not on their own
    internal static readonly HashSet<string> Ignored = ["Version", "UpdatedAt", "SearchText", "SearchGrams", "FiledAt", "CreatedAt", "FiledBy", "SizeRule", "CarrierId", "EnterpriseId", "EnteredAt", "EnteredBy", "SubmittedAt", "ApprovedAt", "RegistryVersion"];

    public sealed record Pending(EntityEntry Entry, List<AuditEntry> Rows);

    public static List<Pending> Collect(ChangeTracker tracker, AuditActor actor, DateTime now)
    {
        var list = new List<Pending>();
        foreach (var e in tracker.Entries().Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var rows = new List<AuditEntry>();
            // filed under the changed record's own carrier where it has one, else the carrier the actor acts for (an
            // authority's change to another carrier's record belongs to that carrier's log); the shared catalogue under none
            var carrierId = e.Entity is IPlatformWide ? null
                : e.Metadata.FindProperty("CarrierId") is null ? actor.CarrierId
                : (int?)(e.State == EntityState.Deleted ? e.Property("CarrierId").OriginalValue : e.Property("CarrierId").CurrentValue);
            AuditEntry Row(string action, string field, string? oldV, string? newV) => new()
            {
                At = now, UserId = actor.UserId, Actor = actor.Name, CarrierId = carrierId, Action = action,
                Entity = e.Metadata.ClrType.Name, Field = field, OldValue = oldV, NewValue = newV,
            };
            switch (e.State)
            {
                // a created or deleted row is one entry with a summary of its values (filled in after the save,
                // when generated keys are known); an update is one entry per changed field
                case EntityState.Added:
                    rows.Add(Row("created", "*", null, null));
                    break;
                case EntityState.Deleted:
                    rows.Add(Row("deleted", "*", Summary(e, original: true), null));
                    break;
                default:
                    foreach (var p in e.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey() && !Ignored.Contains(p.Metadata.Name)))
                    {
                        var (o, n) = (Format(p.OriginalValue), Format(p.CurrentValue));
                        if (o != n) rows.Add(Row("updated", p.Metadata.Name, o, n));
                    }
                    break;
            }
            if (rows.Count > 0) list.Add(new Pending(e, rows));
        }
        return list;
    }

    public static void Complete(Pending p)
    {
        var key = string.Join(",", p.Entry.Metadata.FindPrimaryKey()!.Properties.Select(k => p.Entry.Property(k.Name).CurrentValue));
        var label = LabelOf(p.Entry);
        foreach (var r in p.Rows)
        {
            if (p.Entry.Entity is Features.Registry.Carrier c) r.CarrierId = c.Id;
            r.EntityId = key;
            r.EntityLabel = label;
            if (r.Action == "created") r.NewValue = Summary(p.Entry, original: false);
        }
    }

    /// <summary>"Name=…; IndustryCode=…" of the non-empty audited fields, capped to the column size.</summary>
    private static string Summary(EntityEntry e, bool original)
    {
        var parts = e.Properties
            .Where(p => !p.Metadata.IsPrimaryKey() && !Ignored.Contains(p.Metadata.Name))
            .Select(p => (p.Metadata.Name, Value: Format(original ? p.OriginalValue : p.CurrentValue)))
            .Where(x => !string.IsNullOrEmpty(x.Value))
            .Select(x => $"{x.Name}={x.Value}");
        var s = string.Join("; ", parts);
        return s.Length > 4000 ? s[..3997] + "..." : s;
    }

    private static string? LabelOf(EntityEntry e)
    {
        foreach (var name in new[] { "CreditCode", "Code", "UserName", "Name" })
        {
            if (e.Metadata.FindProperty(name) is not null) return e.Property(name).CurrentValue?.ToString();
        }
        if (e.Metadata.FindProperty("EnterpriseId") is not null)
        {
            var year = e.Metadata.FindProperty("Year") is not null ? $"/{e.Property("Year").CurrentValue}" : "";
            return $"enterprise {e.Property("EnterpriseId").CurrentValue}{year}";
        }
        return null;
    }

    internal static string? Format(object? v) => v switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.######", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };
}
