using System.Text;
using Rongtong.Web.Features.Performance.Evaluation;
using Rongtong.Web.Features.Reports.Rendering;

namespace Rongtong.Web.Features.Reports;

/// <summary>
/// Lays out the 自评估报告 from frozen report data, in the structure of the seed report. Every sentence carrying a figure
/// is generated here from the same numbers the tables print, so text and tables cannot disagree.
/// </summary>
public static class ReportBuilder
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public static ReportDocument Build(ReportData d, bool draft, int? version)
    {
        var y = d.Year;
        var subtitle = version is { } v
            ? $"{y}年度 · 第{v}版" + (d.ApprovedAt is { } at ? $" · {at:yyyy年M月d日}批准" : "")
            : $"{y}年度 · 草稿（按当前数据生成）";
        var sections = new List<ReportSection>
        {
            new("一", "双创特色载体发展情况", Narrative(d, "1", "（一）双创特色载体发展情况")),
            new("二", "资金管理使用情况", Narrative(d, "2", "资金拨付和执行情况及使用情况")),
            new("三", "绩效目标完成情况", Performance(d)),
            new("四", "主要经验做法及典型案例", Narrative(d, "4", null)),
            new("五", "未达到绩效目标的原因和下一步改进措施", Missed(d)),
            new("六", "有关建议及其他需要说明的问题", Narrative(d, "6", null)),
        };
        return new ReportDocument($"{d.CarrierName}自评估报告", subtitle, draft, "草稿 — 未经批准", $"{d.CarrierName} · {y}年度自评估报告", "zh-CN", sections);
    }

    private static List<ReportBlock> Narrative(ReportData d, string key, string? heading)
    {
        var blocks = new List<ReportBlock>();
        if (heading is not null) blocks.Add(new SubHeading(heading));
        if (!d.Narratives.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
        {
            blocks.Add(new Paragraph("（本节尚未填写。）"));
            return blocks;
        }
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            blocks.Add(line.StartsWith('（') && line.Length < 60 && line.IndexOf('）') is > 0 and < 5 ? new SubHeading(line) : new Paragraph(line));
        return blocks;
    }

    private static List<ReportBlock> Performance(ReportData d)
    {
        var y = d.Year;
        var blocks = new List<ReportBlock>();
        var counts = d.Indicators.GroupBy(i => i.Status).ToDictionary(g => g.Key, g => g.Count());
        int C(string s) => counts.GetValueOrDefault(s);
        var summary = new StringBuilder($"{y}年，载体绩效目标表共{d.Indicators.Count}项指标，其中超额完成{C("exceeded")}项、完成{C("met")}项、未完成{C("missed")}项");
        if (C("no_target") > 0) summary.Append($"、未设定目标值{C("no_target")}项");
        if (C("no_actual") > 0) summary.Append($"、尚无完成值{C("no_actual")}项");
        summary.Append('。');
        if (d.Total is { } total) summary.Append($"加权得分{Evaluator.Format(total, 2)}分，等级为“{Evaluator.Grade(total)}”。");
        blocks.Add(new Paragraph(summary.ToString(), Generated: true));

        var n = 0;
        foreach (var dim in d.Indicators.GroupBy(i => i.Dimension))
        {
            blocks.Add(new SubHeading($"（{Numerals[n++ % Numerals.Length]}）{dim.Key}情况"));
            blocks.Add(new Paragraph($"{y}年，" + string.Join("；", dim.Select(i => Sentence(i, y))) + "。", Generated: true));
            blocks.Add(Table(dim.Key, dim.ToList(), y));
            var chart = Chart(dim.Key, dim.ToList(), y);
            if (chart is not null) blocks.Add(chart);
        }
        foreach (var g in d.Indicators.Where(i => i.OverrideReason is not null).GroupBy(i => i.OverrideReason))
            blocks.Add(new Paragraph($"注：{string.Join("、", g.Select(i => i.Short))}的完成值为人工覆盖值（理由：{g.Key}）。", Generated: true));
        return blocks;
    }

    /// <summary>"从业人员数达0.86万人（2019年基准值0.56万人，2020年目标值0.71万人），超额完成全年目标，比2019年增长53.6%".</summary>
    public static string Sentence(ReportIndicator i, int y)
    {
        string V(decimal v) => Evaluator.Format(v, Math.Max(i.Decimals, 4)) + i.Unit;
        if (i.Actual is not { } a) return $"{i.Short}尚无{y}年完成值" + (i.Target is { } t0 ? $"（{y}年目标值{V(t0)}）" : "");
        var refs = new List<string>();
        if (i.Baseline is { } b) refs.Add($"{i.BaselineYear}年基准值{V(b)}");
        if (i.Target is { } t) refs.Add($"{y}年目标值{V(t)}");
        var s = new StringBuilder($"{i.Short}达{V(a)}");
        if (refs.Count > 0) s.Append('（').Append(string.Join("，", refs)).Append('）');
        s.Append('，').Append(i.Status switch
        {
            "exceeded" => "超额完成全年目标",
            "met" => "完成全年目标",
            "missed" => $"未完成全年目标，差{V(i.Gap ?? 0)}",
            _ => $"未设定{y}年目标值",
        });
        if (i.PreviousActual is { } p)
        {
            if (i.Unit == "%")
            {
                var diff = a - p;
                s.Append(diff == 0 ? $"，与{y - 1}年持平" : $"，比{y - 1}年{(diff > 0 ? "提升" : "下降")}{Evaluator.Format(Math.Abs(diff), 2)}个百分点");
            }
            else s.Append($"，比{y - 1}年{Evaluator.GrowthZh(a, p)}");
        }
        return s.ToString();
    }

    private static TableBlock Table(string dimension, List<ReportIndicator> rows, int y)
    {
        string F(decimal? v, ReportIndicator i) => v is { } x ? Evaluator.Format(x, Math.Max(i.Decimals, 4)) : "—";
        return new TableBlock($"{dimension}指标完成情况", dimension,
            ["指标", "单位", $"{y - 1}年完成值", "基准值", $"{y}年目标值", $"{y}年完成值", "完成率", $"{y + 1}年目标值"],
            rows.Select(i => new TableRow(
                [i.Name, i.Unit, F(i.PreviousActual, i), F(i.Baseline, i), F(i.Target, i), F(i.Actual, i),
                 i.Achievement is { } a ? Evaluator.Format(a, 1) + "%" : "—", F(i.NextTarget, i)],
                i.Status switch { "exceeded" or "met" => RowTone.Good, "missed" => RowTone.Bad, _ => RowTone.Neutral })).ToList(),
            new HashSet<int> { 2, 3, 4, 5, 6, 7 });
    }

    /// <summary>Trend per dimension (baseline → previous actual → actual → next target), indexed to the baseline = 100 so that units mix.</summary>
    private static ChartBlock? Chart(string dimension, List<ReportIndicator> rows, int y)
    {
        var series = rows.Where(i => i.Baseline is > 0)
            .Select(i => new ChartSeries(i.Short.Length > 14 ? i.Short[..14] + "…" : i.Short,
                new[] { i.Baseline, i.PreviousActual, i.Actual, i.NextTarget }.Select(v => v is { } x ? (double?)(double)(x * 100 / i.Baseline!.Value) : null).ToList()))
            .ToList();
        return series.Count == 0 ? null : new ChartBlock($"{dimension}：指标走势（基准值 = 100）", "指数", ["基准值", $"{y - 1}年完成", $"{y}年完成", $"{y + 1}年目标"], series);
    }

    private static List<ReportBlock> Missed(ReportData d)
    {
        var blocks = new List<ReportBlock> { new SubHeading("（一）未达到绩效目标的指标及原因") };
        var missed = d.Indicators.Where(i => i.Status == "missed").ToList();
        if (missed.Count == 0) blocks.Add(new Paragraph($"{d.Year}年各项绩效目标均已完成。", Generated: true));
        foreach (var i in missed)
            blocks.Add(new Paragraph($"{i.Short}：{Sentence(i, d.Year)}。原因：{i.MissReason ?? "（未填写）"}", Generated: true));
        blocks.Add(new SubHeading("（二）下一步改进措施"));
        blocks.AddRange(Narrative(d, "5", null));
        return blocks;
    }
}
