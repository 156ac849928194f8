using Rongtong.Cli;
using Rongtong.Tests.Support;
using Rongtong.Web.Platform.Files;

namespace Rongtong.Tests.Platform;

/// <summary>The file store's sweep of files no record names, and the CLI that runs it.</summary>
public sealed class FileStoreTests
{
    private static MemoryStream Pdf(string text) => new(System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n" + text + "\n%%EOF\n"));

    [Fact]
    public async Task A_sweep_deletes_only_old_files_that_no_record_names_and_saving_again_renews_a_file()
    {
        var root = Path.Combine(Path.GetTempPath(), "rongtong-sweep-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new LocalFileStore(root);
            var kept = await store.SaveAsync(Pdf("kept"), "kept.pdf");
            var orphan = await store.SaveAsync(Pdf("orphan"), "orphan.pdf");
            var young = await store.SaveAsync(Pdf("young"), "young.pdf");
            File.WriteAllText(Path.Combine(root, "README"), "not the store's");   // not a key: left alone
            var old = DateTime.UtcNow.AddDays(-2);
            foreach (var f in new[] { kept, orphan, young }) File.SetLastWriteTimeUtc(Path.Combine(root, f.Key), old);
            await store.SaveAsync(Pdf("young"), "again.pdf");   // uploaded again just now: young again

            var referenced = new HashSet<string> { kept.Key };
            var dry = await store.SweepAsync(referenced, DateTime.UtcNow.AddHours(-24), dryRun: true);
            Assert.Equal(3, dry.Stored);
            Assert.Equal([orphan.Key], dry.Deleted.Select(d => d.Key).ToArray());
            Assert.True(File.Exists(Path.Combine(root, orphan.Key)));

            var swept = await store.SweepAsync(referenced, DateTime.UtcNow.AddHours(-24), dryRun: false);
            Assert.Equal([orphan.Key], swept.Deleted.Select(d => d.Key).ToArray());
            Assert.False(File.Exists(Path.Combine(root, orphan.Key)));
            Assert.True(File.Exists(Path.Combine(root, kept.Key)) && File.Exists(Path.Combine(root, young.Key)) && File.Exists(Path.Combine(root, "README")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task The_cli_sweep_keeps_the_demos_evidence_and_refuses_a_bad_age()
    {
        await using var db = await TestDatabase.CreateAsync(Web.Platform.Data.Database.Sqlite);
        async Task<(int Code, string Out, string Err)> Run(params string[] args)
        {
            var (o, e) = (new StringWriter(), new StringWriter());
            var code = await CliApp.RunAsync(args, o, e, db.Settings);
            return (code, o.ToString(), e.ToString());
        }
        Assert.Equal(0, (await Run("seed", "demo")).Code);
        var store = new LocalFileStore(db.FilesRoot);
        var orphan = await store.SaveAsync(Pdf("orphan"), "orphan.pdf");
        foreach (var f in Directory.EnumerateFiles(db.FilesRoot, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddDays(-2));

        var sweep = await Run("files", "sweep");
        Assert.Equal(0, sweep.Code);
        Assert.Contains("1 named by no record and older than 24 h", sweep.Out);
        Assert.Contains(orphan.Key, sweep.Out);
        var left = (await store.SweepAsync(new HashSet<string>(), DateTime.MinValue, dryRun: true)).Stored;
        Assert.True(left > 0, "the demo's evidence files are named by their records and stay");
        Assert.False(File.Exists(Path.Combine(db.FilesRoot, orphan.Key)));

        var bad = await Run("files", "sweep", "--older-than", "0");
        Assert.Equal(2, bad.Code);
        Assert.Contains("--older-than", bad.Err);
    }
}
