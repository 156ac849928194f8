using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Registry;

/// <summary>Display names (zh/en) and stable codes of the registry's enumerations.</summary>
public static class Labels
{
    public static string Of(ChainRole r) => r switch
    {
        ChainRole.Leading => Loc.T("龙头", "Leading"),
        ChainRole.Supporting => Loc.T("配套", "Supporting"),
        ChainRole.Upstream => Loc.T("上游", "Upstream"),
        ChainRole.Downstream => Loc.T("下游", "Downstream"),
        _ => Loc.T("服务", "Service"),
    };

    public static string Of(IncubationStatus s) => s switch
    {
        IncubationStatus.Resident => Loc.T("入驻", "Resident"),
        IncubationStatus.Graduated => Loc.T("毕业", "Graduated"),
        IncubationStatus.MovedOut => Loc.T("迁出", "Moved out"),
        _ => Loc.T("未入孵", "Not incubated"),
    };

    public static string Of(ListingStatus s) => s switch
    {
        ListingStatus.Quoted => Loc.T("挂牌", "Quoted (NEEQ/regional)"),
        ListingStatus.Listed => Loc.T("上市", "Listed"),
        _ => Loc.T("未挂牌", "Not quoted"),
    };

    public static string Of(QualificationKind k) => k switch
    {
        QualificationKind.HighTech => Loc.T("高新技术企业", "High-tech enterprise"),
        QualificationKind.TechSme => Loc.T("科技型中小企业", "Tech-based SME"),
        QualificationKind.InnovativeSme => Loc.T("创新型中小企业", "Innovative SME"),
        QualificationKind.SpecialisedNational => Loc.T("国家级专精特新中小企业", "Specialised SME (national)"),
        QualificationKind.SpecialisedProvincial => Loc.T("省级专精特新中小企业", "Specialised SME (provincial)"),
        _ => Loc.T("专精特新“小巨人”", "“Little giant”"),
    };

    public static string Of(CarrierType t) => t switch
    {
        CarrierType.Integration => Loc.T("大中小企业融通型", "Large–SME integration"),
        CarrierType.Innovation => Loc.T("创新创业基地型", "Innovation base"),
        CarrierType.CapitalHub => Loc.T("专业资本集聚型", "Capital hub"),
        _ => Loc.T("孵化型", "Incubation"),
    };
}
