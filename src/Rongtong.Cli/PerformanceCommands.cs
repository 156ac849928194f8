using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Features.Reports;

namespace Rongtong.Cli;

/// <summary><c>evaluate</c> and <c>validate</c>: the carrier's indicators for a period, for scripts.</summary>
internal static class PerformanceCommands
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary><c>evaluate --carrier &lt;code&gt; --year &lt;yyyy&gt; [--period Q1|Q2|Q3|Q4|H1|H2|Y] --format json|csv</c>.</summary>
    public static async Task<int> EvaluateAsync(Args a, IServiceProvider sp, TextWriter stdout)
    {
        var format = a.Get("format") ?? "json";
        if (format is not ("json" or "csv")) throw new CliException($"unknown --format '{format}'; use json or csv");
        var (carrier, period) = await CarrierAndPeriodAsync(a, sp);
        var e = await sp.GetRequiredService<EvaluatePeriod>().HandleAsync(carrier, period);
        var items = e.Rows.Select(EvaluationItem.From).ToList();
        await stdout.WriteAsync(format == "csv" ? EvaluationItem.ToCsv(items) : JsonSerializer.Serialize(items, Json) + Environment.NewLine);
        return 0;
    }

    /// <summary><c>validate --carrier &lt;code&gt; --year &lt;yyyy&gt; [--period …] --format json</c>: exit 0 without error-level findings, 1 with.</summary>
    public static async Task<int> ValidateAsync(Args a, IServiceProvider sp, TextWriter stdout)
    {
        var format = a.Get("format") ?? "json";
        if (format is not ("json" or "text")) throw new CliException($"unknown --format '{format}'; use json or text");
        var (carrier, period) = await CarrierAndPeriodAsync(a, sp);
        var (_, findings) = await sp.GetRequiredService<ValidatePeriod>().HandleAsync(carrier, period);
        if (format == "json")
            await stdout.WriteLineAsync(JsonSerializer.Serialize(findings.Select(f => new
            {
                rule = f.Rule, severity = f.SeverityCode, indicator = f.Indicator, period = f.Period, message = f.MessageZh, values = f.Values,
            }), Json));
        else
            foreach (var f in findings) await stdout.WriteLineAsync($"{f.SeverityCode,-7} {f.Rule,-18} {f.Indicator} {f.Period}  {f.MessageZh}");
        return findings.Any(f => f.Severity == Severity.Error) ? 1 : 0;
    }

    /// <summary><c>report --carrier &lt;code&gt; --year &lt;yyyy&gt; --out &lt;file&gt; [--draft]</c>: from the latest approved snapshot, or a draft.</summary>
    public static async Task<int> ReportAsync(Args a, IServiceProvider sp, TextWriter stdout)
    {
        var path = a.Required("out");
        var format = ReportService.FormatOf(path) ?? throw new CliException("--out must end with .docx, .pdf, .html, .xlsx or .json");
        var (carrier, period) = await CarrierAndPeriodAsync(a, sp);
        var draft = a.Has("draft");
        byte[] bytes;
        var english = (a.Get("lang") ?? "zh") switch
        {
            "zh" or "zh-CN" => false,
            "en" => true,
            var other => throw new CliException($"unknown --lang '{other}'; use zh or en"),
        };
        try { bytes = await sp.GetRequiredService<ReportService>().RenderAsync(carrier, period.Year, format, draft, english: english); }
        catch (Web.Platform.Errors.NotFoundException) { throw new CliException($"no approved snapshot of {period.Year} for '{carrier.Code}'; approve the year and take a snapshot, or use --draft"); }
        await OutputFile.WriteAsync(path, file => file.WriteAsync(bytes).AsTask());
        await stdout.WriteLineAsync($"{(draft ? "draft" : "report")} written to {path} ({bytes.Length:N0} bytes)");
        return 0;
    }

    internal static async Task<(Web.Features.Registry.Carrier, Period)> CarrierAndPeriodAsync(Args a, IServiceProvider sp)
    {
        var carrier = await ImportCommands.CarrierAsync(sp, a.Required("carrier"));
        if (!int.TryParse(a.Required("year"), out var year) || year < 2000 || year > 2100) throw new CliException($"--year must be a year such as 2020");
        var kind = PeriodKind.Y;
        if (a.Get("period") is { } p && !Period.TryParseKind(p, out kind)) throw new CliException($"unknown --period '{p}'; use Q1|Q2|Q3|Q4|H1|H2|Y");
        return (carrier, new Period(year, kind));
    }
}
