using Rongtong.Web.Features.Reports.Rendering;

namespace Rongtong.Tests.Reports.Rendering;

/// <summary>
/// A realistic self-assessment report modelled on the seed report (衡阳高新区 2020): narrative sections, a performance
/// section of six dimensions with ~25 indicator rows and a chart each (with missing values), and an 80-row annex table
/// that must break across pages. Shared by the renderer tests and bench/Rongtong.Bench (linked there, not copied).
/// </summary>
public static class SampleReportDocument
{
    public const string LongTableCaption = "附表1 特色载体入驻企业名单";
    public const string Sentence = "促使园区中小企业创新创业升级发展呈现生动局面";
    public const string Malicious = "<script>alert(1)</script>";

    private static readonly string[] Categories = ["2018基准", "2019完成", "2020完成", "2021目标"];
    private static readonly string[] IndicatorColumns = ["指标", "单位", "2018年基准值", "2019年完成值", "2020年完成值", "2021年目标值"];
    private static readonly HashSet<int> IndicatorNumeric = [2, 3, 4, 5];

    /// <summary>One indicator row: name, unit, baseline 2018, actual 2019, actual 2020, target 2021 (null = not reported).</summary>
    private sealed record Indicator(string Name, string Unit, double? Y2018, double? Y2019, double? Y2020, double? T2021, RowTone Tone);

    private static readonly (string Key, string Heading, string Text, Indicator[] Rows)[] Dimensions =
    [
        ("集聚度", "（一）产业集聚度情况",
            "2020年，特色载体在主要服务的行业领域吸引入驻的企业数占入驻企业总数比重达到38.5%（2018年27.3%，2019年31.9%），比2019年提升6.6个百分点，超额完成全年目标。",
            [new("主要服务行业领域入驻企业占比", "%", 27.3, 31.9, 38.5, 39.5, RowTone.Good)]),
        ("资源聚集力", "（二）资源聚集力情况",
            "2020年，特色载体资源集聚力显著提升，多项指标提前或超额实现计划目标，其中从业人员数达0.86万人，超额完成全年目标；现有合作的资本服务机构17个，受疫情影响未实现全年目标；组织创新创业大赛和项目路演285次，与全年目标相差16次。",
            [
                new("从业人员数", "万人", 0.42, 0.56, 0.86, 0.95, RowTone.Good),
                new("合作的资本服务机构数", "家", 15, 18, 17, 30, RowTone.Bad),
                new("拥有或合作的各类专业公共技术服务平台数", "个", 15, 18, 23, 25, RowTone.Good),
                new("创业导师数", "个", 23, 38, 62, 70, RowTone.Good),
                new("组织创新创业大赛和项目路演总次数", "次", 272, 289, 285, 320, RowTone.Bad),
                new("已达成合作的行业龙头企业数", "家", 4, 6, 14, 18, RowTone.Good),
            ]),
        ("持续发展力", "（三）持续发展力情况",
            "2020年，特色载体亩均收入达0.46万元/平方米，完成年度目标；从业人员中大学及以上学历人员占比达80%，实现年度计划目标；行业龙头企业催生中小企业数81家，已完成年度计划目标。",
            [
                new("亩均收入", "万元/平方米", 0.37, 0.391, 0.46, 0.5, RowTone.Good),
                new("大学及以上学历人员占比", "%", 67, 70, 80, 82, RowTone.Good),
                new("行业龙头企业催生中小企业数", "家", 63, 71, 81, null, RowTone.Neutral),
            ]),
        ("产出与效益", "（四）产出与效益情况",
            "2020年，入驻企业毕业数达31家，与年度目标相差4家；入驻企业规模升级66家，已完成年度计划目标；入驻企业年度研发投入达53723.6万元，完成年度目标；龙头企业与中小企业达成的交易额为2903万元，完成年度目标。",
            [
                new("入驻企业毕业数", "家", 27, 31, 31, 38, RowTone.Bad),
                new("入驻企业挂牌或上市数", "家", 12, 15, 19, 21, RowTone.Good),
                new("入驻企业规模升级数", "家", null, 38, 66, 70, RowTone.Good),
                new("专精特新中小企业数", "家", 17, 20, 25, 28, RowTone.Good),
                new("科技型中小企业和高新技术企业数", "家", 35, 39, 47, 50, RowTone.Good),
                new("国内外创新创业大赛获奖数", "项", 8, 10, 11, 12, RowTone.Good),
                new("入驻企业年度产值", "万元", 5090000, 5125000, 5126062.3, 5200000, RowTone.Good),
                new("入驻企业年度利税额", "万元", 300000, 319000, 358058.2, 370000, RowTone.Good),
                new("入驻企业年度新增就业人数", "万人", 1.41, 1.53, 1.87, 1.95, RowTone.Good),
                new("入驻企业年度研发投入", "万元", 40100, 42800, 53723.6, 56000, RowTone.Good),
                new("龙头企业与中小企业交易额", "万元", 2300, 2520, 2903, 3100, RowTone.Good),
                new("大企业帮助获得贷款的中小企业数", "家", 21, 25, 35, null, RowTone.Neutral),
            ]),
        ("改革创新力", "（五）改革创新力情况",
            "2020年，地方制度创新、机制创新的举措及有效模式总结、信息报送等达17项，完成年度目标；园区内各双创特色载体主动创新机制体制，积极采用市场化运作模式，引入专业化运营管理团队。",
            [new("制度创新、机制创新举措及模式总结数", "项", 9, 11, 17, 19, RowTone.Good)]),
        ("辐射带动力", "（六）辐射带动力情况",
            "2020年，特色载体支持开发区以外中小企业数达236家，为周边县市区中小企业提供检验检测、技术咨询和融资对接服务，辐射带动作用持续增强。",
            [
                new("支持开发区以外中小企业数", "家", 120, 168, 236, 260, RowTone.Good),
                new("公共服务平台服务企业人次", "人次", null, 1850, 2410, 2600, RowTone.Good),
            ]),
    ];

    /// <summary>The sample report; <paramref name="draft"/> marks every page 草稿.</summary>
    public static ReportDocument Build(bool draft = false) => new(
        Title: "衡阳高新区大中小企业融通型载体项目自评估报告",
        Subtitle: draft ? "2020年度 · 草稿 · 依据当前数据生成" : "2020年度 · 第2版 · 2021年3月28日批准",
        Draft: draft,
        DraftMark: "草稿 — 未经批准",
        Footer: "衡阳高新区管委会 · 大中小企业融通型特色载体",
        Language: "zh-CN",
        Sections:
        [
            new("一", "双创特色载体发展情况",
            [
                new SubHeading("（一）双创特色载体发展情况"),
                new Paragraph("衡阳高新区自2019年6月获批国家大中小企业融通型双创特色载体以来，在国家和省、市有关部门的精心指导和大力支持下，以特色载体建设为发展契机，大力支持园区龙头企业开放资源，推动大中小企业融合发展，加快形成“龙头企业+孵化”的共生共赢生态体系，" + Sentence + "。"),
                new Paragraph("众创空间、企业孵化器、科研中心等双创平台当前已成为发展新经济、培育新动能和推动实体经济转型升级的重要抓手。衡阳高新区立足主导产业，按照国家级标准，加大对启迪之星（衡阳）等孵化平台的建设力度，通过引进高水平的孵化器运营团队，创新服务手段，增强服务功能，扩大服务范围，提升湘梦创新创业孵化基地、国家输变电产业窗口服务平台、衡阳市中小企业公共服务平台的服务水平，最终形成资源共享、服务协同、功能完善、覆盖全区的可持续发展的中小企业公共服务平台网络（Public Service Platform Network, PSPN），为高新区大众创业万众创新工作的长足发展奠定坚实基础。"),
                new SubHeading("（二）政策实施情况"),
                new Paragraph("2018年8月，财政部、工信部、科技部共同制定颁布《关于支持打造特色载体推动中小企业创新创业升级实施方案》，方案中要求：加强对中小企业创新支持、提升中小企业专业化能力和水平、促进大众创业万众创新上水平的决策部署；以问题为导向，以需求为牵引，支持引导地方和社会力量在提升双创载体市场化专业化水平、提高双创资源融通效率与质量等方面持续发力。"),
                new Paragraph("操作员录入的备注中出现的特殊字符应原样显示：" + Malicious + " & \"引号\"。"),
            ]),
            new("二", "资金管理使用情况",
            [
                new Paragraph("衡阳市财政局于2019年7月将第一批中央财政中小企业发展专项资金指标2,500.00万元下达至高新区财政局；2020年1月下达第二批1,000.00万元；2020年9月下达第三批500.00万元，合计资金拨付4,000.00万元。", Generated: true),
                new TableBlock("表1 专项资金到位与拨付情况", "资金到位与拨付",
                    ["批次", "下达时间", "到位金额（万元）", "已拨付（万元）", "执行率"],
                    [
                        new(["第一批", "2019年7月", "2,500.00", "2,380.00", "95.2%"], RowTone.Good),
                        new(["第二批", "2020年1月", "1,000.00", "1,020.00", "102.0%"], RowTone.Good),
                        new(["第三批", "2020年9月", "500.00", "0.00", "0.0%"], RowTone.Bad),
                        new(["合计", "", "4,000.00", "3,400.00", "85.0%"], RowTone.Neutral),
                    ],
                    new HashSet<int> { 2, 3, 4 }),
            ]),
            new("三", "绩效目标完成情况", PerformanceBlocks()),
            new("四", "主要经验做法及典型案例",
            [
                new SubHeading("（一）各个平台要立足产业方向和自主优势，致力于产业生态圈内项目的整体引进"),
                new Paragraph("各平台立足钢管深加工和输变电两大主导产业，围绕产业链上下游精准招商，推动龙头企业开放实验室、订单、供应链和信用，带动中小企业在细分领域精准布局，提升专业化能力和水平。"),
                new TableBlock(LongTableCaption, "入驻企业名单（附表1）", ["序号", "企业名称", "统一社会信用代码", "行业", "规模", "营业收入（万元）", "从业人员（人）"],
                    Enumerable.Range(1, 80).Select(Enterprise).ToArray(), new HashSet<int> { 0, 5, 6 }),
            ]),
            new("五", "未达到绩效目标的原因和下一步改进措施",
            [
                new SubHeading("（一）特色载体的盈利模式单一"),
                new Paragraph("部分特色载体仍以房租和物业收入为主，专业化服务收入占比较低，下一步将引导载体拓展技术服务、投融资服务等增值服务，形成可持续的盈利模式。"),
            ]),
        ]);

    /// <summary>The cells of the last row of the long table, for tests that look for it after a page break.</summary>
    public static TableRow LastEnterpriseRow => Enterprise(80);

    private static readonly string[] Places = ["衡阳", "雁峰", "蒸湘", "石鼓", "珠晖", "南岳", "衡山", "耒阳", "常宁", "祁东"];
    private static readonly string[] Trades = ["精密钢管", "输变电设备", "智能装备", "新材料", "电子信息", "检验检测", "软件信息", "生物医药"];
    private static readonly string[] Industries = ["C3311", "C3821", "C3499", "C2929", "C3976", "M7452", "I6513", "C2720"];
    private static readonly string[] Sizes = ["小型", "微型", "中型", "小型", "微型"];

    private static TableRow Enterprise(int i)
    {
        var name = $"{Places[i % Places.Length]}{Trades[i % Trades.Length]}{(i % 3 == 0 ? "科技股份" : "有限责任")}公司{(i % 7 == 0 ? "（高新区分公司）" : "")}";
        var code = $"91430400MA4L{i:D4}X{(i * 7) % 10}";
        var revenue = (i * 379.3 % 9000 + 120).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
        var staff = (i * 13 % 280 + 8).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new TableRow([i.ToString(System.Globalization.CultureInfo.InvariantCulture), name, code, Industries[i % Industries.Length], Sizes[i % Sizes.Length], revenue, staff]);
    }

    private static List<ReportBlock> PerformanceBlocks()
    {
        var blocks = new List<ReportBlock>
        {
            new Paragraph("2020年，衡阳高新区高度重视中小企业双创升级工作，双创载体投入使用面积成倍增加、商事主体数量不断增长、创新人才集聚态势喜人，特色载体可持续发展能力、孵化服务功能和辐射范围得到全面提升。"),
        };
        var n = 2;
        foreach (var (key, heading, text, rows) in Dimensions)
        {
            blocks.Add(new SubHeading(heading));
            blocks.Add(new Paragraph(text, Generated: true));
            blocks.Add(new TableBlock($"表{n++} {key}指标完成情况", key, IndicatorColumns,
                rows.Select(r => new TableRow([r.Name, r.Unit, F(r.Y2018), F(r.Y2019), F(r.Y2020), F(r.T2021)], r.Tone)).ToArray(),
                IndicatorNumeric));
            // a chart of the indicators that share the first row's unit, so one axis fits them
            var unit = rows[0].Unit;
            var charted = rows.Where(r => r.Unit == unit).Take(4).ToArray();
            blocks.Add(new ChartBlock($"{key}：{string.Join("、", charted.Select(r => r.Name).Take(2))}{(charted.Length > 2 ? "等" : "")}", unit, Categories,
                charted.Select(r => new ChartSeries(r.Name, [r.Y2018, r.Y2019, r.Y2020, r.T2021])).ToArray()));
        }
        return blocks;
    }

    private static string F(double? v) => v is { } d ? d.ToString("#,0.###", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
