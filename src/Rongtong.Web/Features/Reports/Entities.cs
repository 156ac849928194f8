using Rongtong.Web.Platform.Auditing;

namespace Rongtong.Web.Features.Reports;

/// <summary>
/// A narrative section of a carrier's 自评估报告 for a year, written in the platform: 一 (until the projects module
/// exists), 二 (until the fund ledger exists), 四, 五 (improvement measures; the reasons come from the indicators), 六.
/// </summary>
public sealed class ReportNarrative : IAudited
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    public int Year { get; set; }
    /// <summary>A key of <see cref="ReportService.NarrativeSections"/>: "1", "1.2", "1.3", "2", "4", "5", "6".</summary>
    public string Section { get; set; } = "";
    public string Text { get; set; } = "";
    public string? UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A frozen, approved snapshot of a year's report data (JSON of <see cref="ReportData"/>). Every rendering of the report
/// is made from one; later edits create a new version, never change this one.
/// </summary>
public sealed class ReportSnapshot : IAudited
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    public int Year { get; set; }
    public int Version { get; set; }
    public string Data { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
