using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Performance;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Reports.Rendering;
using Rongtong.Web.Platform.Auth;
using Rongtong.Web.Platform.Data;
using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.Files;

namespace Rongtong.Web.Features.Reports;

/// <summary>Output formats of the report.</summary>
public enum ReportFormat { Docx, Pdf, Html, Xlsx, Json }

/// <summary>
/// Snapshots (frozen, approved, versioned), narratives, and rendering in every format. A snapshot can be taken only
/// when the year's indicators are approved; <c>draft</c> renders current data and marks every page.
/// </summary>
public sealed class ReportService(RongtongDb db, CollectReportData collect, TimeProvider clock, IFileStore files)
{
    public static ReportFormat? FormatOf(string fileOrExtension) => Path.GetExtension(fileOrExtension).TrimStart('.').ToLowerInvariant() switch
    {
        "docx" => ReportFormat.Docx, "pdf" => ReportFormat.Pdf, "html" or "htm" => ReportFormat.Html, "xlsx" => ReportFormat.Xlsx, "json" => ReportFormat.Json,
        _ => null,
    };

    public static string ContentType(ReportFormat f) => f switch
    {
        ReportFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ReportFormat.Pdf => "application/pdf",
        ReportFormat.Html => "text/html; charset=utf-8",
        ReportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/json",
    };

    /// <param name="files">Where the sub-projects' photos are; without it the report goes without photos.</param>
    public static byte[] Render(ReportData data, ReportFormat format, bool draft, int? version, bool english = false, IFileStore? files = null)
    {
        if (format == ReportFormat.Json) return System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { draft, version, report = data }, ReportData.Json));
        var doc = ReportBuilder.Build(data, draft, version, english, files is null ? null : Photos(files));
        return format switch
        {
            ReportFormat.Docx => DocxRenderer.Render(doc),
            ReportFormat.Pdf => PdfRenderer.Render(doc),
            ReportFormat.Html => HtmlRenderer.RenderBytes(doc),
            _ => XlsxRenderer.Render(doc),
        };
    }

    /// <summary>Loads a photo for the report from the store; a missing or unreadable file is left out, not fatal.</summary>
    public static Func<ReportPhoto, string, ImageBlock?> Photos(IFileStore files) => (photo, caption) =>
    {
        try
        {
            return ReportPhotos.LoadCached(photo.Key, () => files.OpenRead(photo.Key), caption);
        }
        catch (Exception e) when (e is IOException or NotFoundException or UnauthorizedAccessException) { return null; }
    };

    /// <summary>The latest approved snapshot of a year, or null.</summary>
    public Task<ReportSnapshot?> LatestAsync(int carrierId, int year, CancellationToken ct = default) =>
        db.ReportSnapshots.AsNoTracking().Where(s => s.CarrierId == carrierId && s.Year == year).OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);

    /// <summary>Freezes the year's current data as a new snapshot version; the year's indicators must be approved.</summary>
    public async Task<ReportSnapshot> TakeAsync(Carrier carrier, int year, string user, CancellationToken ct = default)
    {
        Period.RequireYear(year);
        var state = await db.PerformancePeriods.AsNoTracking().FirstOrDefaultAsync(p => p.CarrierId == carrier.Id && p.Year == year && p.Kind == PeriodKind.Y, ct);
        if (state?.Status != PeriodStatus.Approved)
            throw new ValidationFailedException([new("year", "approved", $"{year}年度指标尚未批准，不能生成正式报告（可生成草稿）", $"the {year} indicators are not approved: only a draft can be rendered")]);
        var data = await collect.HandleAsync(carrier, year, ct);
        var last = await LatestAsync(carrier.Id, year, ct);
        if (last is not null && last.Data == data.ToJson()) return last;
        var snap = new ReportSnapshot { CarrierId = carrier.Id, Year = year, Version = (last?.Version ?? 0) + 1, Data = data.ToJson(), CreatedBy = user, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.ReportSnapshots.Add(snap);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { throw new ConflictException("另一快照刚刚生成，请刷新", "another snapshot was just taken; reload"); }
        return snap;
    }

    /// <summary>The bytes of a report: from the latest (or a given) snapshot, or a draft from current data.</summary>
    public async Task<byte[]> RenderAsync(Carrier carrier, int year, ReportFormat format, bool draft, int? version = null, bool english = false, CancellationToken ct = default)
    {
        Period.RequireYear(year);
        if (draft) return Render(await collect.HandleAsync(carrier, year, ct), format, true, null, english, files);
        var snap = version is { } v
            ? await db.ReportSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.CarrierId == carrier.Id && s.Year == year && s.Version == v, ct)
            : await LatestAsync(carrier.Id, year, ct);
        if (snap is null) throw new NotFoundException("snapshot");
        return Render(ReportData.FromJson(snap.Data), format, false, snap.Version, english, files);
    }

    /// <summary>The narrative parts of the report the operator writes, in the seed report's order and numbering.</summary>
    public static readonly (string Key, string Zh, string En)[] NarrativeSections =
    [
        ("1", "一、（一）双创特色载体发展情况", "1.1 Development of the carrier"),
        ("1.2", "一、（二）政策实施情况", "1.2 Policies carried out"),
        ("1.3", "一、（三）创新性举措", "1.3 Innovative measures"),
        ("2", "二、资金管理使用情况", "2. Use of the funds"),
        ("4", "四、主要经验做法及典型案例", "4. Practices and cases"),
        ("5", "五、原因分析及下一步改进措施", "5. Reasons and improvement measures"),
        ("6", "六、有关建议", "6. Suggestions"),
    ];

    public async Task<ReportNarrative> SaveNarrativeAsync(Carrier carrier, int year, string section, string text, string user, CancellationToken ct = default)
    {
        if (!NarrativeSections.Any(s => s.Key == section))
            throw new ValidationFailedException([new("section", "exists", "没有这一节", "no such section")]);
        if (text.Length > 40000)
            throw new ValidationFailedException([new("text", "max-length", "不能超过 40000 字", "at most 40,000 characters")]);
        var row = await db.ReportNarratives.FirstOrDefaultAsync(n => n.CarrierId == carrier.Id && n.Year == year && n.Section == section, ct);
        if (row is null) db.ReportNarratives.Add(row = new ReportNarrative { CarrierId = carrier.Id, Year = year, Section = section });
        row.Text = text.Replace("\r\n", "\n").Trim();
        row.UpdatedBy = user;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.Version++;
        await db.SaveChangesAsync(ct);
        return row;
    }
}
