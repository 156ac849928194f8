using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Web.Features.Reports;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Files;

namespace Rongtong.Cli;

/// <summary><c>files sweep</c>: deletes stored files that no record names (see <see cref="IFileStore.SweepAsync"/>).</summary>
internal static class FilesCommands
{
    public static async Task<int> SweepAsync(Args a, IServiceProvider sp, TextWriter stdout)
    {
        var hours = 24;
        if (a.Get("older-than") is { } h && !(int.TryParse(h, out hours) && hours is >= 1 and <= 87_600))
            throw new CliException("--older-than must be a whole number of hours, from 1 to 87600 (ten years)");
        var db = sp.GetRequiredService<RongtongDb>();
        // every record that names a stored file: attachments, evidence, and the photos frozen in report snapshots
        var referenced = (await db.Attachments.Select(x => x.StoreKey).Union(db.EvidenceFiles.Select(x => x.StoreKey)).ToListAsync()).ToHashSet();
        await foreach (var json in db.ReportSnapshots.Select(s => s.Data).AsAsyncEnumerable())
            referenced.UnionWith(ReportData.FromJson(json).Projects?.SelectMany(p => p.Photos).Select(p => p.Key) ?? []);
        var dryRun = a.Has("dry-run");
        var r = await sp.GetRequiredService<IFileStore>().SweepAsync(referenced, DateTime.UtcNow.AddHours(-hours), dryRun);
        var size = r.Deleted.Sum(d => d.Size);
        await stdout.WriteLineAsync($"{r.Stored} stored files; {r.Deleted.Count} named by no record and older than {hours} h "
            + $"({size / 1024.0 / 1024.0:0.0} MB): {(dryRun ? "would be deleted (dry run)" : "deleted")}");
        foreach (var d in r.Deleted) await stdout.WriteLineAsync($"  {d.Key}  {d.Size} bytes");
        return 0;
    }
}
