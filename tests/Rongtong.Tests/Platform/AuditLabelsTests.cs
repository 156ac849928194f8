using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Auditing;

namespace Rongtong.Tests.Platform;

/// <summary>How the audit log and an enterprise's history show fields and values (in Chinese, the default).</summary>
public sealed class AuditLabelsTests
{
    [Fact]
    public void A_whole_record_reads_field_by_field_with_labels_yes_no_and_choice_labels()
    {
        Assert.Equal($"名称=衡阳钢管；开发区内=是；产业链角色={Labels.Of(ChainRole.Leading)}；孵化状态={Labels.Of(IncubationStatus.None)}；类别={Labels.Of(QualificationKind.HighTech)}；X=1",
            AuditLabels.Value("*", "Name=衡阳钢管; InZone=True; ChainRole=Leading; Incubation=None; Kind=HighTech; X=1"));
        Assert.Equal("否", AuditLabels.Value("InZone", "False"));
        Assert.Equal(Labels.Of(ChainRole.Supporting), AuditLabels.Value("ChainRole", "Supporting"));
        Assert.Equal("完成值", AuditLabels.Value("Kind", "Actual")); // an indicator value's kind
        Assert.Equal("Monthly", AuditLabels.Value("Kind", "Monthly")); // a value no choice knows stays as it is
        Assert.Null(AuditLabels.Value("Name", null));
        Assert.Equal(["开工日期", "总投资", "修改人", "内容"], new[] { "StartOn", "totalInvestment", "UpdatedBy", "Content" }.Select(AuditLabels.Field));
    }
}
