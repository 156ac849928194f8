using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Import;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;
using Spectre.Console;

namespace Rongtong.Cli;

/// <summary><c>import enterprises</c> and <c>export enterprises</c>.</summary>
internal static class ImportCommands
{
    /// <summary>
    /// <c>import enterprises &lt;file&gt; --carrier &lt;code&gt; [--dry-run] [--format json]</c>: exit code 0 when the file
    /// is valid (and, without --dry-run, written), 1 when it is not (nothing written).
    /// </summary>
    public static async Task<int> ImportAsync(Args a, IServiceProvider sp, TextWriter stdout, TextWriter stderr)
    {
        var path = a.Positional.Count > 2 ? a.Positional[2] : throw new CliException("missing <file>: import enterprises <file> --carrier <code>");
        var json = a.Get("format") switch
        {
            null => false,
            "json" => true,
            "text" => false,
            var other => throw new CliException($"unknown --format '{other}'; use json"),
        };
        if (Directory.Exists(path)) throw new CliException($"{path} is a folder, not a file");
        if (!File.Exists(path)) throw new CliException($"file not found: {path}");
        var carrier = await CarrierAsync(sp, a.Required("carrier"));
        sp.GetRequiredService<AuditActor>().CarrierId = carrier.Id;
        var import = sp.GetRequiredService<ImportEnterprises>();

        await using var file = File.OpenRead(path);
        var request = new ImportRequest(carrier.Id, Path.GetFileName(path), file, a.Has("dry-run"));
        ImportResult result;
        try
        {
            // a progress bar only for a person at a terminal; scripts and redirected output get plain lines on stderr
            result = !json && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected
                ? await WithProgressBarAsync(import, request)
                : await import.HandleAsync(request, PlainProgress(stderr));
        }
        catch (ConflictException ex)
        {
            return await CliApp.FailAsync(json, "conflict", Loc.IsEnglish ? ex.MessageEn : ex.MessageZh, 1, stdout, stderr);
        }

        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(result.ToJson(), ImportResult.JsonOptions));
        }
        else
        {
            foreach (var i in result.Issues)
                await stdout.WriteLineAsync($"{(i.Row == 0 ? "file" : $"row {i.Row}")}{(i.Column.Length > 0 ? $", {i.Column}" : "")}: {(i.IsWarning ? "warning" : "error")} [{i.Rule}] {i.Message}");
            if (result.Totals is { } t)
                await stdout.WriteLineAsync($"{(result.DryRun ? "dry run, nothing written" : "imported")}: {t.Rows} rows; enterprises {t.EnterprisesCreated} created, " +
                                            $"{t.EnterprisesUpdated} updated, {t.EnterprisesUnchanged} unchanged; yearly figures {t.YearsCreated} created, " +
                                            $"{t.YearsUpdated} updated, {t.YearsUnchanged} unchanged");
            else
                await stdout.WriteLineAsync($"{result.ErrorCount} errors, nothing written");
        }
        return result.Ok ? 0 : 1;
    }

    /// <summary><c>export enterprises --carrier &lt;code&gt; --out &lt;file.xlsx|file.csv&gt;</c>.</summary>
    public static async Task<int> ExportAsync(Args a, IServiceProvider sp, TextWriter stdout)
    {
        var path = a.Required("out");
        var format = SheetReader.FormatOf(path) ?? throw new CliException("--out must end with .xlsx or .csv");
        var carrier = await CarrierAsync(sp, a.Required("carrier"));
        var rows = 0;
        await OutputFile.WriteAsync(path, async file => rows = await sp.GetRequiredService<ExportEnterprises>().WriteAsync(carrier.Id, format, file));
        await stdout.WriteLineAsync($"exported {rows} rows to {path}");
        return 0;
    }

    internal static async Task<Carrier> CarrierAsync(IServiceProvider sp, string code) =>
        await sp.GetRequiredService<RongtongDb>().Carriers.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code)
        ?? throw new CliException($"unknown carrier '{code}'");

    private static async Task<ImportResult> WithProgressBarAsync(ImportEnterprises import, ImportRequest request)
    {
        ImportResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var tasks = Enum.GetValues<ImportStage>().ToDictionary(s => s, s => ctx.AddTask(s.ToString().ToLowerInvariant(), autoStart: false));
                result = await import.HandleAsync(request, p =>
                {
                    var t = tasks[p.Stage];
                    if (!t.IsStarted) t.StartTask();
                    t.MaxValue = Math.Max(1, p.Total);
                    t.Value = p.Done;
                });
                foreach (var t in tasks.Values.Where(t => t.IsStarted)) t.Value = t.MaxValue;
            });
        return result!;
    }

    /// <summary>One line per stage and per quarter of it.</summary>
    private static Action<ImportProgress> PlainProgress(TextWriter stderr)
    {
        (ImportStage Stage, long Quarter)? last = null;
        return p =>
        {
            var quarter = p.Total <= 0 ? 0 : p.Done * 4 / p.Total;
            if (last == (p.Stage, quarter)) return;
            last = (p.Stage, quarter);
            stderr.WriteLine($"{p.Stage.ToString().ToLowerInvariant()}: {quarter * 25}%");
        };
    }
}
