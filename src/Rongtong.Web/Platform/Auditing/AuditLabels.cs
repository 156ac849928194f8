using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Platform.Auditing;

/// <summary>How audit entries read on a page: actions, record kinds and field names in the user's language.</summary>
public static class AuditLabels
{
    public static string Action(string action) => action switch
    {
        "created" => Loc.T("新增", "created"),
        "updated" => Loc.T("修改", "updated"),
        "deleted" => Loc.T("删除", "deleted"),
        "imported" => Loc.T("导入", "imported"),
        _ => action,
    };

    public static string Entity(string entity) => entity switch
    {
        "Enterprise" => Loc.T("企业", "Enterprise"),
        "EnterpriseYear" => Loc.T("年度数据", "Yearly figures"),
        "Qualification" => Loc.T("资质", "Qualification"),
        "Carrier" => Loc.T("载体", "Carrier"),
        "User" => Loc.T("用户", "User"),
        "Import" => Loc.T("导入", "Import"),
        "IndicatorValue" => Loc.T("指标值", "Indicator value"),
        "PerformancePeriod" => Loc.T("绩效期间", "Performance period"),
        "IndicatorDefinition" => Loc.T("指标定义", "Indicator"),
        "IndicatorCatalogue" => Loc.T("指标体系", "Indicator catalogue"),
        "EvidenceFile" => Loc.T("佐证材料", "Evidence"),
        "StatedFigure" => Loc.T("文件所述数值", "Stated figure"),
        "ReportSnapshot" => Loc.T("报告快照", "Report snapshot"),
        "Fund" => Loc.T("资金", "Fund"),
        "FundBatch" => Loc.T("资金到位", "Fund batch"),
        "Allocation" => Loc.T("资金分配", "Allocation"),
        "AllocationChange" => Loc.T("分配调整", "Allocation change"),
        "Disbursement" => Loc.T("资金拨付", "Disbursement"),
        "SubProject" => Loc.T("子项目", "Sub-project"),
        "Programme" => Loc.T("工程", "Programme"),
        "BudgetLine" => Loc.T("预算科目", "Budget line"),
        "Milestone" => Loc.T("里程碑", "Milestone"),
        "ProgressUpdate" => Loc.T("进展", "Progress update"),
        "Attachment" => Loc.T("附件", "Attachment"),
        "ReportNarrative" => Loc.T("报告叙述", "Report narrative"),
        "Deal" => Loc.T("融通交易", "Deal"),
        "Demand" => Loc.T("需求榜单", "Demand"),
        "DemandAnswer" => Loc.T("揭榜", "Answer"),
        _ => entity,
    };

    /// <summary>
    /// A value as the page shows it: yes/no for booleans, the label of a registry choice, and for a whole record
    /// ("Name=…; InZone=True") each field by its label and value.
    /// </summary>
    public static string? Value(string field, string? value)
    {
        if (value is null) return null;
        if (field != "*") return One(field, value);
        return string.Join(Loc.T("；", "; "), value.Split("; ").Select(part => part.IndexOf('=') is var i and > 0
            ? $"{FieldLabels.Of(part[..i])}={One(part[..i], part[(i + 1)..])}"
            : part));
    }

    private static string One(string field, string value) => (field, value) switch
    {
        (_, "True") => Loc.T("是", "yes"),
        (_, "False") => Loc.T("否", "no"),
        ("ChainRole", _) when Enum.TryParse<Features.Registry.ChainRole>(value, out var r) => Features.Registry.Labels.Of(r),
        ("Incubation", _) when Enum.TryParse<Features.Registry.IncubationStatus>(value, out var s) => Features.Registry.Labels.Of(s),
        ("Listing", _) when Enum.TryParse<Features.Registry.ListingStatus>(value, out var l) => Features.Registry.Labels.Of(l),
        ("Kind", _) when Enum.TryParse<Features.Registry.QualificationKind>(value, out var k) => Features.Registry.Labels.Of(k),
        ("Kind", _) when Enum.TryParse<Features.Performance.ValueKind>(value, out var v) && Enum.IsDefined(v) => Features.Performance.Board.IndicatorModel.KindLabel(v),
        ("Kind", _) when Enum.TryParse<Features.Integration.DealKind>(value, out var d) && Enum.IsDefined(d) && !char.IsDigit(value[0]) => Features.Integration.Pages.IndexModel.KindLabel(d),
        ("State", _) when Enum.TryParse<Features.Integration.DealState>(value, out var ds) && Enum.IsDefined(ds) && !char.IsDigit(value[0]) => Features.Integration.Pages.IndexModel.StateLabel(ds),
        _ => value,
    };

    /// <summary>A field's name as the forms label it (<see cref="FieldLabels"/>); "*" is the whole record.</summary>
    public static string Field(string field) => field == "*" ? Loc.T("（整条记录）", "(whole record)") : FieldLabels.Of(field);
}
