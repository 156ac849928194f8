using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Auditing;

namespace Rongtong.Web.Features.Registry;

/// <summary>特色载体类型.</summary>
public enum CarrierType { Integration = 1, Innovation = 2, CapitalHub = 3, Incubation = 4 }

/// <summary>特色载体 — the tenant: every carrier-owned row carries its id.</summary>
public sealed class Carrier : IAudited
{
    public int Id { get; set; }
    /// <summary>Stable short code used by URLs and the CLI, e.g. "hengyang".</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>所在园区 (the zone).</summary>
    public string Zone { get; set; } = "";
    public CarrierType Type { get; set; } = CarrierType.Integration;
    public DateOnly? ApprovedOn { get; set; }
    /// <summary>主要服务行业: GB/T 4754 codes, comma separated.</summary>
    public string MainIndustries { get; set; } = "";
    /// <summary>占地面积 (亩).</summary>
    public decimal? LandArea { get; set; }
    public bool IsDemo { get; set; }
    /// <summary>
    /// Raised in the transaction of every change to the carrier's enterprises or their qualifications, so that a web
    /// node knows whether its in-memory view of the registry is current (<see cref="Search.RegistryViews"/>). Written
    /// only by <see cref="Search.RegistryViews.BumpAsync"/>, never through the change tracker.
    /// </summary>
    public long RegistryVersion { get; set; }

    public IEnumerable<string> MainIndustryCodes => MainIndustries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// An enterprise whose list row changed at a carrier's registry version (<see cref="Carrier.RegistryVersion"/>), so that
/// a web node patches its view with only the changed enterprises (<see cref="Search.RegistryViews"/>). EnterpriseId 0:
/// too many to name (a large import); the view is then built again. Kept for the last 1,000 versions of a carrier.
/// </summary>
public sealed class RegistryChange
{
    public int CarrierId { get; set; }
    public long Version { get; set; }
    public int EnterpriseId { get; set; }
}

/// <summary>产业链角色.</summary>
public enum ChainRole { Leading = 1, Supporting = 2, Upstream = 3, Downstream = 4, Service = 5 }

/// <summary>孵化状态.</summary>
public enum IncubationStatus { None = 0, Resident = 1, Graduated = 2, MovedOut = 3 }

/// <summary>挂牌/上市.</summary>
public enum ListingStatus { None = 0, Quoted = 1, Listed = 2 }

/// <summary>
/// 企业 — one row per 统一社会信用代码 (the platform's first spine: every module points here).
/// </summary>
public sealed class Enterprise : IAudited
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    public Carrier? Carrier { get; set; }
    /// <summary>统一社会信用代码, normalised, unique across the platform.</summary>
    public string CreditCode { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>GB/T 4754-2017 code without the section letter, e.g. "3311".</summary>
    public string IndustryCode { get; set; } = "";
    public string? Address { get; set; }
    /// <summary>开发区内 (true) or outside the zone.</summary>
    public bool InZone { get; set; } = true;
    public ChainRole ChainRole { get; set; } = ChainRole.Supporting;
    /// <summary>催生: the leading enterprise it grew out of.</summary>
    public int? SpawnedById { get; set; }
    public Enterprise? SpawnedBy { get; set; }
    public IncubationStatus Incubation { get; set; }
    public DateOnly? ResidentSince { get; set; }
    public DateOnly? GraduatedOn { get; set; }
    public DateOnly? MovedOutOn { get; set; }
    public ListingStatus Listing { get; set; }
    public DateOnly? ListedOn { get; set; }
    /// <summary>Size class of the latest year filed (denormalised for filtering).</summary>
    public SizeClass? SizeClass { get; set; }
    public int? SizeYear { get; set; }
    /// <summary>Demo data: the credit code is synthetic and must never be presented as a real company's.</summary>
    public bool IsDemo { get; set; }
    /// <summary>Upper-cased name + code, for substring search.</summary>
    public string SearchText { get; set; } = "";
    /// <summary>Uni- and bigrams of the name (<see cref="Search.SearchGrams"/>), indexed by FTS5 / GIN.</summary>
    public string SearchGrams { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency token.</summary>
    public int Version { get; set; }

    public List<Qualification> Qualifications { get; set; } = [];
    public List<EnterpriseYear> Years { get; set; } = [];

    public static string SearchKey(string name, string code) => (name + " " + code).ToUpperInvariant();

    /// <summary>Sets both search columns from the name and the code; call whenever either changes.</summary>
    public void RefreshSearch()
    {
        SearchText = SearchKey(Name, CreditCode);
        SearchGrams = Search.SearchGrams.Of(Name);
    }
}

/// <summary>资质类型.</summary>
public enum QualificationKind
{
    HighTech = 1,          // 高新技术企业
    TechSme = 2,           // 科技型中小企业
    InnovativeSme = 3,     // 创新型中小企业
    SpecialisedNational = 4, // 国家级专精特新中小企业
    SpecialisedProvincial = 5, // 省级专精特新中小企业
    LittleGiant = 6,       // 专精特新"小巨人"
}

/// <summary>资质 with its validity dates.</summary>
public sealed class Qualification : IAudited
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public QualificationKind Kind { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string? CertificateNo { get; set; }

    public bool ValidOn(DateOnly d) => IssuedOn <= d && (ExpiresOn is null || ExpiresOn >= d);
}

/// <summary>
/// 年度数据 filed by an enterprise (or the operator) for one year. Amounts in 万元, land in 亩.
/// </summary>
public sealed class EnterpriseYear : IAudited
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    /// <summary>
    /// The enterprise's carrier, kept on the row so that a carrier's figures of a year are read along an index without
    /// its enterprises (an enterprise never changes carrier). Set when the row is made; <see cref="Platform.Data.RongtongDb"/>
    /// refuses to save one without it.
    /// </summary>
    public int CarrierId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public int Year { get; set; }
    /// <summary>从业人员.</summary>
    public int Employees { get; set; }
    /// <summary>大专及以上学历人数.</summary>
    public int DegreeHolders { get; set; }
    /// <summary>营业收入 (万元).</summary>
    public decimal Revenue { get; set; }
    /// <summary>资产总额 (万元).</summary>
    public decimal TotalAssets { get; set; }
    /// <summary>产值 (万元).</summary>
    public decimal Output { get; set; }
    /// <summary>利税 (万元).</summary>
    public decimal ProfitTax { get; set; }
    /// <summary>研发投入 (万元).</summary>
    public decimal RnD { get; set; }
    /// <summary>占地面积 (亩).</summary>
    public decimal LandArea { get; set; }
    /// <summary>新增就业人数.</summary>
    public int NewJobs { get; set; }
    public SizeClass SizeClass { get; set; }
    /// <summary>Which rule decided the size class (Chinese; the English is recomputed on display).</summary>
    public string SizeRule { get; set; } = "";
    public string? FiledBy { get; set; }
    public DateTime FiledAt { get; set; }
    public int Version { get; set; }
}
