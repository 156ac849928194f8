using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Projects;

/// <summary>
/// The seed report's three 工程 and their sub-projects (section 1.1's table, sections 1.2.x and 1.3.x), with the content
/// and the progress text as the seed states them (one progress update dated 2020-12-31). A total investment is taken
/// where the text states one ("总投资340万元", "项目总投入458万元", "项目总投资计划500万元"), the investment so far where it states one
/// ("完成资金投入137.8万元") together with any percentage it gives for it, and the implementing unit where the name
/// points to an organisation the registry has; nothing else is inferred.
/// </summary>
public static partial class ProjectsSeed
{
    public sealed record Planned(string Programme, string Code, string Name, string Content, string Progress, long? TotalFen)
    {
        public long? InvestedFen => Invested().Match(Progress) is { Success: true } m ? Money.FromWan(decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) : null;
        public decimal? StatedPercent => StatedPercentRegex().Match(Progress) is { Success: true } m ? decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Words of a sub-project's name → the registry organisation that runs it (as the seed's text says).</summary>
    public static readonly (string Word, string Unit)[] Units =
    [
        ("湘梦", "湖南湘梦电子商务科技有限公司"), ("国家输变电", "特变电工衡阳变压器有限公司"), ("衡阳市中小企业公共服务平台", "衡阳市中小企业公共服务平台"),
        ("金融信用信息", "衡阳市金融信用信息服务中心"), ("科盈防腐", "衡阳华菱钢管有限公司"), ("特高压", "特变电工衡阳变压器有限公司"),
        ("北方光电", "衡阳北方光电信息技术有限公司"), ("风顺车桥", "衡阳风顺车桥有限公司"), ("长宏", "湖南长宏锅炉科技股份有限公司"),
        ("合力工业车辆", "衡阳合力工业车辆有限公司"), ("机油泵", "湖南机油泵股份有限公司"), ("金化科技", "湖南金化科技集团有限公司"),
    ];

    public static readonly (string Code, string Name)[] Programmes =
    [
        ("1.1", "创新创业公共服务载体建设工程"), ("1.2", "企业技术创新能力提升工程"), ("1.3", "大中小企业发展融通支撑工程"),
    ];

    /// <summary>Reads the sub-projects out of the seed report's text.</summary>
    public static List<Planned> Parse(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var list = new List<Planned>();
        // 1.1: a table flattened to lines: 序号 / n / 项目名称 / name / 项目内容 / … / 项目进度 / …
        var start = lines.FindIndex(l => l.StartsWith("1.1.1项目实施内容", StringComparison.Ordinal));
        var end = lines.FindIndex(start + 1, l => l.StartsWith("1.1.2", StringComparison.Ordinal));
        for (var i = start; i >= 0 && i < end; i++)
        {
            if (lines[i] != "序号") continue;
            var n = lines[i + 1];
            var name = lines[i + 3];
            var c = lines.FindIndex(i, l => l == "项目内容");
            var p = lines.FindIndex(i, l => l == "项目进度");
            var next = lines.FindIndex(i + 1, l => l == "序号");
            if (next < 0 || next > end) next = end;
            var content = string.Join("\n", lines.Skip(c + 1).Take(p - c - 1));
            var progress = string.Join("\n", lines.Skip(p + 1).Take(next - p - 1));
            list.Add(new("1.1", $"1.1-{int.Parse(n, CultureInfo.InvariantCulture):00}", name, content, progress, Total(content + progress)));
        }
        // 1.2.x and 1.3.x: a heading and its paragraphs
        var heading = Heading();
        var stop = lines.FindIndex(l => l.StartsWith("（二）政策实施情况", StringComparison.Ordinal) || l.StartsWith("(二)政策实施情况", StringComparison.Ordinal));
        for (var i = 0; i < lines.Count; i++)
        {
            var m = heading.Match(lines[i]);
            if (!m.Success) continue;
            var j = i + 1;
            while (j < lines.Count && j != stop && !heading.IsMatch(lines[j]) && !lines[j].StartsWith("1.3大中小企业", StringComparison.Ordinal)) j++;
            var body = string.Join("\n", lines.Skip(i + 1).Take(j - i - 1));
            list.Add(new(m.Groups[1].Value, $"{m.Groups[1].Value}-{int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture):00}", m.Groups[3].Value.Trim(), body, body, Total(body)));
        }
        return list;
    }

    private static long? Total(string text) =>
        TotalInvestment().Match(text) is { Success: true } m ? Money.FromWan(decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) : null;

    public static async Task<int> SeedAsync(RongtongDb db, Carrier carrier, string seedText, CancellationToken ct = default)
    {
        if (await db.Programmes.AnyAsync(p => p.CarrierId == carrier.Id, ct)) return 0;
        var programmes = Programmes.Select((p, i) => new Programme { CarrierId = carrier.Id, Code = p.Code, Name = p.Name, SortOrder = i + 1 }).ToList();
        db.Programmes.AddRange(programmes);
        await db.SaveChangesAsync(ct);
        var planned = Parse(seedText);
        var names = Units.Select(u => u.Unit).Distinct().ToList();
        var units = await db.Enterprises.Where(e => e.CarrierId == carrier.Id && names.Contains(e.Name)).ToDictionaryAsync(e => e.Name, e => e.Id, ct);
        foreach (var p in planned)
        {
            var unit = Units.FirstOrDefault(u => p.Name.Contains(u.Word, StringComparison.Ordinal)).Unit;
            var sp = new SubProject
            {
                CarrierId = carrier.Id, ProgrammeId = programmes.Single(x => x.Code == p.Programme).Id, Code = p.Code, Name = p.Name[..Math.Min(p.Name.Length, 200)],
                UnitId = unit is not null && units.TryGetValue(unit, out var uid) ? uid : null,
                Content = p.Content.Length > 4000 ? p.Content[..4000] : p.Content, TotalInvestmentFen = p.TotalFen ?? 0, Status = SubProjectStatus.Running,
            };
            db.SubProjects.Add(sp);
            await db.SaveChangesAsync(ct);
            db.ProgressUpdates.Add(new ProgressUpdate { SubProjectId = sp.Id, On = new DateOnly(2020, 12, 31), Text = p.Progress.Length > 8000 ? p.Progress[..8000] : p.Progress,
                InvestedFen = p.InvestedFen, StatedPercent = p.StatedPercent, CreatedBy = "seed demo", CreatedAt = new DateTime(2021, 4, 7, 1, 20, 0, DateTimeKind.Utc) });
        }
        await db.SaveChangesAsync(ct);
        return planned.Count;
    }

    [GeneratedRegex(@"^(1\.[23])\.(\d+)(.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"(?:总投资|总投入)(?:计划)?(\d+(?:\.\d+)?)万元")]
    private static partial Regex TotalInvestment();

    [GeneratedRegex(@"完成资金投入(\d+(?:\.\d+)?)万元")]
    private static partial Regex Invested();

    [GeneratedRegex(@"完成项目总投入\d+(?:\.\d+)?万元的(\d+(?:\.\d+)?)%")]
    private static partial Regex StatedPercentRegex();
}
