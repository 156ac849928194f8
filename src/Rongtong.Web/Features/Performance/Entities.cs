using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auditing;

namespace Rongtong.Web.Features.Performance;

/// <summary>正向 (more is better) or 反向 (less is better).</summary>
public enum Direction { Positive = 1, Negative = 2 }

/// <summary>报送频率: 季报, 半年报, 年报.</summary>
public enum Frequency { Quarter = 1, HalfYear = 2, Year = 3 }

/// <summary>How a value is obtained: entered with evidence, or computed by a named computation over module records.</summary>
public enum ValueSource { Entered = 1, Computed = 2 }

/// <summary>基准值, 目标值, 完成值.</summary>
public enum ValueKind { Baseline = 1, Target = 2, Actual = 3 }

/// <summary>Workflow of a carrier's reporting period: draft → submitted → approved (locked).</summary>
public enum PeriodStatus { Draft = 0, Submitted = 1, Approved = 2 }

/// <summary>
/// 绩效指标体系 — the catalogue an authority sets for one type of carrier (e.g. the 融通型 form of 工信部).
/// </summary>
public sealed class IndicatorCatalogue : IAudited, IPlatformWide
{
    public int Id { get; set; }
    /// <summary>Stable code, e.g. "miit-integration".</summary>
    public string Code { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    /// <summary>The authority that sets it, e.g. "工业和信息化部".</summary>
    public string Authority { get; set; } = "";
    /// <summary>Carriers of this type use this catalogue.</summary>
    public CarrierType CarrierType { get; set; }
    /// <summary>Factor beyond which a year-over-year change is reported as a jump (validation).</summary>
    public decimal JumpFactor { get; set; } = 2m;
    public List<IndicatorDefinition> Indicators { get; set; } = [];
}

/// <summary>绩效指标 — one row of the official 绩效目标表.</summary>
public sealed class IndicatorDefinition : IAudited, IPlatformWide
{
    public int Id { get; set; }
    public int CatalogueId { get; set; }
    /// <summary>Stable code within the catalogue, e.g. "I02".</summary>
    public string Code { get; set; } = "";
    /// <summary>一级指标, as the official form writes it.</summary>
    public string DimensionZh { get; set; } = "";
    public string DimensionEn { get; set; } = "";
    /// <summary>二级指标, as the official form writes it.</summary>
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    /// <summary>Short name used in generated sentences, e.g. "从业人员数".</summary>
    public string ShortZh { get; set; } = "";
    public string Unit { get; set; } = "";
    public string UnitEn { get; set; } = "";
    public Direction Direction { get; set; } = Direction.Positive;
    public Frequency Frequency { get; set; } = Frequency.Year;
    public ValueSource Source { get; set; } = ValueSource.Entered;
    /// <summary>Name of the computation (see <see cref="Computations.Registry"/>) when <see cref="Source"/> is Computed.</summary>
    public string? Computation { get; set; }
    /// <summary>Weight in the score (optional).</summary>
    public decimal? Weight { get; set; }
    /// <summary>Decimals printed.</summary>
    public int Decimals { get; set; }
    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; }

    public bool IsPercent => Unit == "%";
}

/// <summary>A carrier's reporting period (季 Q1–Q4, 半年 H1/H2, 年 Y) and its workflow state.</summary>
public sealed class PerformancePeriod : IAudited
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    public int Year { get; set; }
    public PeriodKind Kind { get; set; }
    public PeriodStatus Status { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    /// <summary>How many times it was approved; a change after approval needs a re-approval.</summary>
    public int Approvals { get; set; }
    /// <summary>
    /// The weighted total as approved (null without weights): the authority may change weights later (ADR 0010), which
    /// must not re-grade a year it approved.
    /// </summary>
    public decimal? ApprovedTotal { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// 指标值 — a baseline, target or actual of one indicator for one carrier and period, with its provenance.
/// A computed actual has no row until it is overridden, returned, given a reason, or frozen by approval.
/// </summary>
public sealed class IndicatorValue : IAudited
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    public int IndicatorId { get; set; }
    public IndicatorDefinition? Indicator { get; set; }
    public int Year { get; set; }
    public PeriodKind Period { get; set; }
    public ValueKind Kind { get; set; }
    public decimal? Value { get; set; }
    /// <summary>For computed indicators: the computed value when it was frozen or overridden.</summary>
    public decimal? ComputedValue { get; set; }
    /// <summary>A computed value replaced by hand; <see cref="OverrideReason"/> says why.</summary>
    public bool IsOverride { get; set; }
    public string? OverrideReason { get; set; }
    /// <summary>For a baseline: the year whose actual it claims to be (defaults to the year before).</summary>
    public int? ReferenceYear { get; set; }
    public string? Note { get; set; }
    /// <summary>未达到绩效目标的原因 (on the actual).</summary>
    public string? MissReason { get; set; }
    public string? EnteredBy { get; set; }
    public DateTime? EnteredAt { get; set; }
    /// <summary>Set when a reviewer returns this single value; cleared when it is changed.</summary>
    public string? ReturnMessage { get; set; }
    public string? ReturnedBy { get; set; }
    public List<EvidenceFile> Evidence { get; set; } = [];
    public int Version { get; set; }
}

/// <summary>An evidence file (佐证材料) attached to an entered value. Stored by the file store, never by the user's path.</summary>
public sealed class EvidenceFile : IAudited
{
    public int Id { get; set; }
    public int ValueId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    /// <summary>Key in the file store.</summary>
    public string StoreKey { get; set; } = "";
    public string? UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }
}

/// <summary>What a stated figure claims.</summary>
public enum ClaimKind
{
    /// <summary>The value of a kind (baseline/target/actual) in a period is X.</summary>
    Value = 1,
    /// <summary>The actual rose by X since the previous period ("比2019年新增2个", "提升6.6个百分点").</summary>
    Increase = 2,
    /// <summary>The actual fell short of the target by X ("差16次").</summary>
    Shortfall = 3,
    /// <summary>The actual grew by X % on the previous period ("增长179%").</summary>
    Growth = 4,
    /// <summary>The target was met or exceeded ("超额完成全年目标"); the claim carries no value.</summary>
    Met = 5,
}

/// <summary>
/// A figure stated in a document (e.g. a hand-typed earlier report) about an indicator. Kept as stated, never
/// corrected; validation compares it with the recorded data and reports a contradiction.
/// </summary>
public sealed class StatedFigure : IAudited
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    public int IndicatorId { get; set; }
    public IndicatorDefinition? Indicator { get; set; }
    public int Year { get; set; }
    public PeriodKind Period { get; set; }
    public ClaimKind Claim { get; set; }
    /// <summary>For <see cref="ClaimKind.Value"/>: which value it states.</summary>
    public ValueKind? Kind { get; set; }
    public decimal Value { get; set; }
    /// <summary>Where it is stated, e.g. "2020年度自评估报告 三（四）".</summary>
    public string Source { get; set; } = "";
    /// <summary>The words as stated.</summary>
    public string Quote { get; set; } = "";
}
