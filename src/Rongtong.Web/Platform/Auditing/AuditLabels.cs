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
        "ReportNarrative" => Loc.T("报告叙述", "Report narrative"),
        _ => entity,
    };

    public static string Field(string field) => field switch
    {
        "*" => Loc.T("（整条记录）", "(whole record)"),
        "Name" => Loc.T("名称", "Name"),
        "CreditCode" => Loc.T("统一社会信用代码", "Credit code"),
        "IndustryCode" => Loc.T("行业代码", "Industry code"),
        "Address" => Loc.T("地址", "Address"),
        "InZone" => Loc.T("开发区内", "In the zone"),
        "ChainRole" => Loc.T("产业链角色", "Chain role"),
        "SpawnedById" => Loc.T("催生企业", "Spawned by"),
        "Incubation" => Loc.T("孵化状态", "Incubation"),
        "ResidentSince" => Loc.T("入驻日期", "Resident since"),
        "GraduatedOn" => Loc.T("毕业日期", "Graduated on"),
        "MovedOutOn" => Loc.T("迁出日期", "Moved out on"),
        "Listing" => Loc.T("挂牌/上市", "Listing"),
        "ListedOn" => Loc.T("挂牌/上市日期", "Listed on"),
        "SizeClass" => Loc.T("规模", "Size class"),
        "SizeYear" => Loc.T("划型年度", "Size year"),
        "Employees" => Loc.T("从业人员", "Employees"),
        "DegreeHolders" => Loc.T("大专及以上学历人数", "With a degree"),
        "Revenue" => Loc.T("营业收入", "Revenue"),
        "TotalAssets" => Loc.T("资产总额", "Total assets"),
        "Output" => Loc.T("产值", "Output"),
        "ProfitTax" => Loc.T("利税", "Profit and tax"),
        "RnD" => Loc.T("研发投入", "R&D"),
        "LandArea" => Loc.T("占地面积", "Land area"),
        "NewJobs" => Loc.T("新增就业人数", "New jobs"),
        "Role" => Loc.T("角色", "Role"),
        "Value" => Loc.T("数值", "Value"),
        "ComputedValue" => Loc.T("计算值", "Computed value"),
        "IsOverride" => Loc.T("人工覆盖", "Override"),
        "OverrideReason" => Loc.T("覆盖理由", "Override reason"),
        "ReferenceYear" => Loc.T("基准年份", "Reference year"),
        "Note" => Loc.T("说明", "Note"),
        "MissReason" => Loc.T("未达目标原因", "Reason for a missed target"),
        "ReturnMessage" => Loc.T("退回意见", "Return message"),
        "ReturnedBy" => Loc.T("退回人", "Returned by"),
        "Status" => Loc.T("状态", "Status"),
        "Approvals" => Loc.T("批准次数", "Approvals"),
        "DimensionZh" => Loc.T("一级指标", "Dimension"),
        "DimensionEn" => Loc.T("一级指标（英文）", "Dimension (English)"),
        "NameZh" => Loc.T("名称（中文）", "Name (Chinese)"),
        "NameEn" => Loc.T("名称（英文）", "Name (English)"),
        "ShortZh" => Loc.T("简称", "Short name"),
        "Unit" => Loc.T("单位", "Unit"),
        "UnitEn" => Loc.T("单位（英文）", "Unit (English)"),
        "Direction" => Loc.T("指标方向", "Direction"),
        "Frequency" => Loc.T("报送频率", "Frequency"),
        "Source" => Loc.T("取值方式", "Source"),
        "Computation" => Loc.T("计算方法", "Computation"),
        "Weight" => Loc.T("权重", "Weight"),
        "Decimals" => Loc.T("小数位数", "Decimals"),
        "SortOrder" => Loc.T("排序", "Sort order"),
        "Active" => Loc.T("启用", "Active"),
        "JumpFactor" => Loc.T("跳变倍数", "Jump factor"),
        _ => field,
    };
}
