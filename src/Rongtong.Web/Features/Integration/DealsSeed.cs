using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Funds;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Integration;

/// <summary>
/// The demo carrier's deals, 2019–2021: they add up to what the seed report states — 2,500万元 in 2019 (its table;
/// its text says 2,520), 2,903万元 in 2020, and 6 and 14 leading enterprises cooperating by the end of 2019 and 2020 —
/// so that 交易额 and 已达成合作的行业龙头企业数 are computed, not typed. 2021 is synthetic (3,512万元 against the seed's
/// target of 3,500; 16 leading enterprises against 18), with one deal waiting for confirmation and one voided.
/// Deterministic; seeds nothing when the carrier has deals. Also two demands (发榜) of the chain leaders.
/// </summary>
public static class DealsSeed
{
    /// <summary>Per year: the confirmed amounts (万元) and how many leading enterprises have dealt by the year's end.</summary>
    public static readonly (int Year, decimal[] Amounts, int Leaders)[] Years =
    [
        (2019, [420, 380, 310, 290, 260, 240, 200, 170, 130, 100], 6),
        (2020, [385, 342, 298, 260, 231, 210, 188, 165, 150, 132, 118, 100, 86, 75, 93, 70], 14),
        (2021, [412, 365, 330, 296, 270, 245, 220, 198, 176, 160, 142, 125, 110, 96, 85, 70, 56, 156], 16),
    ];

    private static readonly string[][] Subjects =
    [
        ["无缝钢管接箍采购", "变压器油箱配件采购", "钢管端头加工件采购", "绝缘件及紧固件采购", "包装材料年度采购"],
        ["管端螺纹检测技术合作", "油浸式变压器降噪联合攻关", "热处理工艺优化技术服务", "在线监测软件联合开发"],
        ["管坯委托加工", "线圈绕制产能协作", "钢结构件协作生产", "铁芯剪切外协"],
        ["设备运维服务外包", "工业软件运维服务", "检测认证服务", "物流配送服务"],
    ];

    public static async Task SeedAsync(RongtongDb db, Carrier carrier, CancellationToken ct = default)
    {
        if (await db.Deals.AnyAsync(d => d.CarrierId == carrier.Id, ct)) return;
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.CarrierId == carrier.Id).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Name, e.ChainRole, e.SizeClass, e.InZone }).ToListAsync(ct);
        // the chain leaders first, then those outside the zone
        var leaders = enterprises.Where(e => e.ChainRole == ChainRole.Leading).OrderBy(e => e.InZone ? 0 : 1).ThenBy(e => e.Id).Select(e => e.Id).ToList();
        var smes = enterprises.Where(e => e.InZone && e.ChainRole != ChainRole.Leading && e.SizeClass is not null and not SizeClass.Large).Select(e => e.Id).ToList();
        if (leaders.Count < Years.Max(y => y.Leaders) || smes.Count < 50) return;
        var at = new DateTime(2022, 1, 10, 2, 0, 0, DateTimeKind.Utc);
        var n = 0;
        Deal New(int year, int i, int count, int leader, decimal amount, DealState state) => new()
        {
            CarrierId = carrier.Id, LeadingId = leader, SmeId = smes[(n * 7) % smes.Count], Kind = (DealKind)(i % 4),
            Subject = Subjects[i % 4][n % Subjects[i % 4].Length], ContractNo = $"RT-{year}-{++n:000}",
            SignedOn = new DateOnly(year, 1 + i * 12 / count, 3 + (i * 7) % 25), AmountFen = Money.FromWan(amount), State = state,
            RecordedBy = "seed demo", RecordedAt = at, ConfirmedBy = state == DealState.Confirmed ? "seed demo" : null,
            ConfirmedAt = state == DealState.Confirmed ? at : null,
        };
        foreach (var (year, amounts, count) in Years)
            for (var i = 0; i < amounts.Length; i++)
                db.Deals.Add(New(year, i, amounts.Length, leaders[i % count], amounts[i], DealState.Confirmed));
        // 2021 also has a deal an SME recorded that its leading enterprise has not confirmed, and one voided as a duplicate
        db.Deals.Add(New(2021, 11, 12, leaders[0], 45, DealState.Pending));
        var voided = New(2021, 5, 12, leaders[1], 88, DealState.Voided);
        voided.VoidReason = "重复登记：同一合同已由龙头企业登记";
        db.Deals.Add(voided);
        await db.SaveChangesAsync(ct);
        await SeedDemandsAsync(db, carrier, leaders, smes, ct);
    }

    /// <summary>Two demands of the chain leaders: one open with two answers, one awaiting the operator's review.</summary>
    private static async Task SeedDemandsAsync(RongtongDb db, Carrier carrier, List<int> leaders, List<int> smes, CancellationToken ct)
    {
        var tezhijia = await db.Enterprises.Where(e => e.CarrierId == carrier.Id && e.Name == "湖南特致珈物联科技有限公司").Select(e => e.Id).FirstOrDefaultAsync(ct);
        var at = new DateTime(2026, 11, 2, 2, 0, 0, DateTimeKind.Utc);
        var open = new Demand
        {
            CarrierId = carrier.Id, LeadingId = leaders[0], Kind = DealKind.Technology, Title = "无缝钢管管端螺纹在线检测系统联合攻关",
            Description = "针对石油套管管端螺纹，开发在线视觉检测系统：检测精度0.01mm，节拍不超过30秒/支，可接入现有MES。\n揭榜方需具备机器视觉项目经验。",
            BudgetFen = Money.FromWan(300), Deadline = new DateOnly(2027, 6, 30), State = DemandState.Open, PostedBy = "hengang", PostedAt = at,
        };
        var review = new Demand
        {
            CarrierId = carrier.Id, LeadingId = leaders[1], Kind = DealKind.Capacity, Title = "变压器油箱配件喷涂产能协作",
            Description = "每月约2000件油箱配件静电喷涂，要求具备环保手续，运距50公里以内。", BudgetFen = Money.FromWan(80),
            Deadline = new DateOnly(2027, 3, 31), State = DemandState.Submitted, PostedBy = "seed demo", PostedAt = at,
        };
        db.Demands.AddRange(open, review);
        await db.SaveChangesAsync(ct);
        foreach (var (sme, proposal, price) in new[] { (tezhijia, "基于工业相机与深度学习的螺纹在线检测方案，含现场标定与MES接口。", 280m), (smes.Where(x => x != tezhijia).ElementAt(3), "激光轮廓测量方案，离线验证后上线。", 260m) })
            if (sme != 0)
                db.DemandAnswers.Add(new DemandAnswer { DemandId = open.Id, SmeId = sme, Proposal = proposal, PriceFen = Money.FromWan(price), State = AnswerState.Submitted, AnsweredBy = "seed demo", AnsweredAt = at.AddDays(5) });
        await db.SaveChangesAsync(ct);
    }
}
