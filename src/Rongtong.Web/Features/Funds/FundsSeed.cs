using Rongtong.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Rongtong.Web.Features.Registry;
using Rongtong.Web.Platform.Data;

namespace Rongtong.Web.Features.Funds;

/// <summary>
/// The seed report's funds (section 二): three batches of the central special fund (2500万 2019-07, 1000万 2020-01,
/// 500万 2020-09) and the disbursement totals of 2019 (2380万) and 2020 (1020万). The seed gives no detail of the
/// disbursements, so they are lump entries to one sub-project standing for "各子项目" in the category 未分类.
/// </summary>
public sealed class FundsSeed(RongtongDb db, FundLedger ledger)
{
    public const string LumpCode = "LUMP";

    public async Task<int> SeedAsync(Carrier carrier, CancellationToken ct = default)
    {
        if (await db.Funds.AnyAsync(f => f.CarrierId == carrier.Id, ct)) return 0;
        long W(decimal wan) => Money.FromWan(wan);
        const string name = "中央财政中小企业发展专项资金";
        await ledger.ReceiveAsync(carrier, FundSource.Central, name, "第一批中央财政中小企业发展专项资金指标（衡阳市财政局下达）", new DateOnly(2019, 7, 1), W(2500), "日期仅知月份", ct);
        var lump = new SubProject { CarrierId = carrier.Id, Code = LumpCode, Name = "各子项目（汇总拨付，种子报告未载明细）", Status = SubProjectStatus.Running };
        db.SubProjects.Add(lump);
        await db.SaveChangesAsync(ct);
        var fund = await db.Funds.FirstAsync(f => f.CarrierId == carrier.Id && f.Source == FundSource.Central, ct);
        var a2019 = await ledger.AllocateAsync(fund.Id, lump.Id, "unspecified", W(2380), "2019年拨付资金到各子项目合计", new DateOnly(2019, 12, 31), ct: ct);
        await ledger.DisburseAsync(new(a2019.Id, W(2380), new DateOnly(2019, 12, 31), Purpose: "2019年拨付资金到各子项目合计2380.00万元（汇总）"), ct);
        await ledger.ReceiveAsync(carrier, FundSource.Central, name, "第二批中央财政中小企业发展专项资金指标", new DateOnly(2020, 1, 1), W(1000), "日期仅知月份", ct);
        await ledger.ReceiveAsync(carrier, FundSource.Central, name, "第三批中央财政中小企业发展专项资金指标", new DateOnly(2020, 9, 1), W(500), "日期仅知月份", ct);
        var a2020 = await ledger.AllocateAsync(fund.Id, lump.Id, "unspecified", W(1020), "2020年拨付资金到各子项目合计", new DateOnly(2020, 12, 31), ct: ct);
        await ledger.DisburseAsync(new(a2020.Id, W(1020), new DateOnly(2020, 12, 31), Purpose: "2020年拨付资金到各子项目合计1020.00万元（汇总）"), ct);
        return 7;
    }
}
