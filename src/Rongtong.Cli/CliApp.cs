using Rongtong.Web.Features.Projects;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Reports;
using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Platform.Auditing;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Cli;

/// <summary>
/// The zone office's command line. Forms are stable (scripts depend on them):
/// <code>
///   migrate
///   seed demo
///   import enterprises &lt;file&gt; --carrier &lt;code&gt; [--dry-run] [--format json]
///   export enterprises --carrier &lt;code&gt; --out &lt;file.xlsx|file.csv&gt;
///   evaluate --carrier &lt;code&gt; --year &lt;yyyy&gt; [--period Q1|…|Y] --format json|csv
///   validate --carrier &lt;code&gt; --year &lt;yyyy&gt; [--period …] --format json
///   report --carrier &lt;code&gt; --year &lt;yyyy&gt; --out &lt;file.docx|file.pdf|file.html|file.xlsx|file.json&gt; [--draft]
///   files sweep [--older-than &lt;hours&gt;] [--dry-run]
/// </code>
/// Configuration as the web app: Database__Provider, ConnectionStrings__Rongtong (environment or appsettings.json).
/// </summary>
public static class CliApp
{
    public const string Usage = """
        usage: rongtong <command>
          migrate                                              create or upgrade the database
          seed demo                                            load the demo data (idempotent)
          import enterprises <file> --carrier <code> [--dry-run] [--format json]
          export enterprises --carrier <code> --out <file.xlsx|file.csv>
          evaluate --carrier <code> --year <yyyy> [--period Q1|Q2|Q3|Q4|H1|H2|Y] --format json|csv
          validate --carrier <code> --year <yyyy> [--period …] --format json   exit 1 on error-level findings
          funds --carrier <code> [--year <yyyy>] --format json
          projects --carrier <code> --format json
          report --carrier <code> --year <yyyy> --out <file.docx|.pdf|.html|.xlsx|.json> [--draft] [--lang zh|en]
          files sweep [--older-than <hours>] [--dry-run]       delete stored files no record names (default: older than 24 h)
        database: Database__Provider=Sqlite|Postgres, ConnectionStrings__Rongtong=...
        exit codes: 0 done; 1 the data is invalid (import: rows with errors, nothing written; validate: error-level
          findings); 2 usage error; 3 failure (database, file system). With --format json a usage error or a failure
          is also one JSON object on stdout: {"ok": false, "error": {"kind": "usage|failure", "message": "..."}}.
        """;

    /// <summary>The options each command takes (an unknown one is a usage error: "--dryrun" must not write) and how many words it has.</summary>
    private static readonly Dictionary<string, (string[] Options, int Words)> Forms = new()
    {
        ["migrate"] = ([], 1),
        ["seed demo"] = ([], 2),
        ["import enterprises"] = (["carrier", "dry-run", "format"], 3),
        ["export enterprises"] = (["carrier", "out"], 2),
        ["evaluate"] = (["carrier", "year", "period", "format"], 1),
        ["validate"] = (["carrier", "year", "period", "format"], 1),
        ["funds"] = (["carrier", "year", "format"], 1),
        ["projects"] = (["carrier", "format"], 1),
        ["report"] = (["carrier", "year", "out", "draft", "lang"], 1),
        ["files sweep"] = (["older-than", "dry-run"], 2),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IDictionary<string, string?>? settings = null)
    {
        var a = new Args(args);
        if (a.Positional.Count == 0 || a.Has("help") || a.Has("h"))
        {
            await stdout.WriteLineAsync(Usage);
            return a.Positional.Count == 0 && !a.Has("help") && !a.Has("h") ? 2 : 0;
        }
        var json = a.Get("format") == "json";
        try
        {
            if (!Forms.TryGetValue(a.Command, out var form))
            {
                await stderr.WriteLineAsync($"unknown command '{string.Join(' ', a.Positional)}'");
                await stderr.WriteLineAsync(Usage);
                return 2;
            }
            if (a.Options.Keys.FirstOrDefault(o => !form.Options.Contains(o, StringComparer.OrdinalIgnoreCase)) is { } unknown)
                throw new CliException($"unknown option --{unknown} for '{a.Command}'" + (form.Options.Length == 0 ? "" : $"; it takes {string.Join(", ", form.Options.Select(o => "--" + o))}"));
            if (a.Positional.Count > form.Words)
                throw new CliException($"unexpected '{a.Positional[form.Words]}' after '{string.Join(' ', a.Positional.Take(form.Words))}'");
            return await RunCommandAsync(a, stdout, stderr, settings);
        }
        catch (CliException ex)
        {
            return await FailAsync(json, "usage", ex.Message, 2, stdout, stderr);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // the database or the file system: one line a person can act on, not a stack trace
            var message = ex.InnerException is { } inner && inner.Message != ex.Message ? $"{ex.Message} ({inner.Message})" : ex.Message;
            return await FailAsync(json, "failure", $"{ex.GetType().Name}: {message}", 3, stdout, stderr);
        }
    }

    internal static async Task<int> FailAsync(bool json, string kind, string message, int code, TextWriter stdout, TextWriter stderr)
    {
        await stderr.WriteLineAsync((kind == "usage" ? "" : "error: ") + message);
        if (json) await stdout.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new { ok = false, error = new { kind, message } }, PerformanceCommands.Json));
        return code;
    }

    private static async Task<int> RunCommandAsync(Args a, TextWriter stdout, TextWriter stderr, IDictionary<string, string?>? settings)
    {
        using var host = BuildHost(settings);
        using var scope = host.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var actor = sp.GetRequiredService<AuditActor>();
        actor.Name = $"cli:{Environment.UserName}";
        switch (a.Command)
        {
            case "migrate":
                await Database.MigrateAsync(sp.GetRequiredService<RongtongDb>());
                await Catalogues.EnsureAsync(sp.GetRequiredService<RongtongDb>());
                await stdout.WriteLineAsync($"database is up to date ({sp.GetRequiredService<Database.Settings>().Provider})");
                return 0;
            case "seed demo":
                await Database.MigrateAsync(sp.GetRequiredService<RongtongDb>());
                var s = await sp.GetRequiredService<DemoSeed>().SeedAsync();
                await stdout.WriteLineAsync($"demo data: carrier {(s.CarrierCreated ? "created" : "present")}, {s.Enterprises} enterprises and {s.Years} yearly figures added, {s.Users} users added, {s.IndicatorValues} indicator values added");
                return 0;
            case "import enterprises":
                return await ImportCommands.ImportAsync(a, sp, stdout, stderr);
            case "export enterprises":
                return await ImportCommands.ExportAsync(a, sp, stdout);
            case "evaluate":
                return await PerformanceCommands.EvaluateAsync(a, sp, stdout);
            case "validate":
                return await PerformanceCommands.ValidateAsync(a, sp, stdout);
            case "report":
                return await PerformanceCommands.ReportAsync(a, sp, stdout);
            case "funds":
                return await FundsCommands.FundsAsync(a, sp, stdout);
            case "projects":
                return await ProjectsCommands.ProjectsAsync(a, sp, stdout);
            default:
                return await FilesCommands.SweepAsync(a, sp, stdout);
        }
    }

    public static IHost BuildHost(IDictionary<string, string?>? settings = null)
    {
        var b = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        if (settings is not null) b.Configuration.AddInMemoryCollection(settings);
        b.Logging.SetMinimumLevel(LogLevel.Warning);
        // stdout is the command's output (one JSON object with --format json): logs go to stderr, and a failed
        // statement is reported once, by RunAsync, not also by EF's own error log
        b.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        b.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        b.Services.AddRongtongDb(b.Configuration);
        b.Services.AddHttpContextAccessor();
        b.Services.AddScoped<CurrentScope>();
        b.Services.AddIdentityCore<AppUser>(Rongtong.Web.Platform.PlatformSetup.IdentityRules)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<RongtongDb>();
        b.Services.AddRegistry();
        b.Services.AddPerformance();
        b.Services.AddReports();
        b.Services.AddFunds();
        b.Services.AddProjects();
        return b.Build();
    }
}

/// <summary>Files the commands write: whole or not at all (written beside the target, then moved over it).</summary>
internal static class OutputFile
{
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new CliException($"{path} is a folder, not a file");
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new CliException($"folder not found: {folder}");
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = File.Create(temp)) await write(file);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}

/// <summary>A usage error: printed, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);

/// <summary>Minimal argument parser: positional words, <c>--name value</c> options and <c>--flag</c> switches.</summary>
public sealed class Args
{
    private static readonly HashSet<string> Switches = ["dry-run", "draft", "help", "h"];
    public List<string> Positional { get; } = [];
    public Dictionary<string, string> Options { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Args(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var t = args[i];
            if (t.StartsWith("--", StringComparison.Ordinal) || (t.StartsWith('-') && t.Length == 2))
            {
                var name = t.TrimStart('-');
                var eq = name.IndexOf('=');
                if (eq > 0) Options[name[..eq]] = name[(eq + 1)..];
                else if (Switches.Contains(name) || i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) Options[name] = "true";
                else Options[name] = args[++i];
            }
            else Positional.Add(t);
        }
    }

    /// <summary>The first two positional words ("seed demo", "import enterprises") or the first alone ("migrate").</summary>
    public string Command => Positional.Count switch
    {
        0 => "",
        1 => Positional[0],
        _ => Positional[0] is "migrate" ? "migrate" : $"{Positional[0]} {Positional[1]}",
    };

    public bool Has(string name) => Options.ContainsKey(name);

    public string Required(string name) =>
        Options.TryGetValue(name, out var v) && v != "true" ? v : throw new CliException($"missing --{name} <value>");

    public string? Get(string name) => Options.GetValueOrDefault(name);
}
