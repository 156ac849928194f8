using System.Globalization;
using Rongtong.Web.Platform.Auditing;

namespace Rongtong.Web.Features.Funds;

/// <summary>资金来源.</summary>
public enum FundSource { Central = 1, Provincial = 2, Municipal = 3, Zone = 4, SelfRaised = 5 }

/// <summary>
/// A fund of one carrier from one source (e.g. 中央财政中小企业发展专项资金). Running totals in 分 are kept on the row
/// and changed only by conditional updates, so that allocations never exceed what was received, under any concurrency
/// (docs/adr/0011-fund-ledger.md).
/// </summary>
public sealed class Fund : IAudited
{
    public int Id { get; set; }
    public int CarrierId { get; set; }
    public FundSource Source { get; set; }
    public string Name { get; set; } = "";
    public long ReceivedFen { get; set; }
    public long AllocatedFen { get; set; }
    public long DisbursedFen { get; set; }
}

/// <summary>A batch received into a fund (资金到位), or the reversal of one (negative amount).</summary>
public sealed class FundBatch : IAudited
{
    public int Id { get; set; }
    public int FundId { get; set; }
    public string DocumentNo { get; set; } = "";
    public DateOnly ReceivedOn { get; set; }
    public long AmountFen { get; set; }
    /// <summary>Set on a reversing entry: the batch it reverses.</summary>
    public int? ReversalOfId { get; set; }
    public string? Note { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>An allocation of a fund to a sub-project in a spending category; its amount changes only by amendments.</summary>
public sealed class Allocation : IAudited
{
    public int Id { get; set; }
    public int FundId { get; set; }
    public int SubProjectId { get; set; }
    /// <summary>Spending category code (直接补助, 绩效奖励 … configurable, see <see cref="SpendingCategories"/>).</summary>
    public string Category { get; set; } = "";
    public long AmountFen { get; set; }
    public long DisbursedFen { get; set; }
    /// <summary>When set, nothing is disbursed before this milestone of the sub-project is approved.</summary>
    public int? MilestoneId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>An amendment of an allocation (the first one creates it): history is kept, never rewritten.</summary>
public sealed class AllocationChange : IAudited
{
    public int Id { get; set; }
    public int AllocationId { get; set; }
    public long DeltaFen { get; set; }
    /// <summary>The date the change takes effect (the year it counts in); the instant it was recorded is <see cref="CreatedAt"/>.</summary>
    public DateOnly EffectiveOn { get; set; }
    public string Reason { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A disbursement (拨付) from an allocation to a payee, or the reversal of one (negative amount).</summary>
public sealed class Disbursement : IAudited
{
    public int Id { get; set; }
    public int AllocationId { get; set; }
    public DateOnly? ScheduledOn { get; set; }
    public DateOnly PaidOn { get; set; }
    public long AmountFen { get; set; }
    /// <summary>收款单位 in the registry.</summary>
    public int? PayeeId { get; set; }
    public string? VoucherNo { get; set; }
    /// <summary>资金用途 / proof of use: what was bought or done.</summary>
    public string? Purpose { get; set; }
    public int? ReversalOfId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>The configurable spending categories (codes stored on allocations).</summary>
public static class SpendingCategories
{
    public static readonly (string Code, string Zh, string En)[] Defaults =
    [
        ("subsidy", "直接补助", "Direct subsidy"), ("reward", "绩效奖励", "Performance reward"), ("services", "购买服务", "Purchased services"),
        ("equipment", "设备购置", "Equipment"), ("fitout", "装修", "Fit-out"), ("operation", "运营服务", "Operation"),
        ("unspecified", "未分类（汇总拨付）", "Unspecified (lump sum)"),
    ];

    public static bool Exists(string code) => Defaults.Any(d => d.Code == code);

    public static string Label(string code) => Defaults.FirstOrDefault(d => d.Code == code) is { Code: not null } d ? Platform.I18n.Loc.T(d.Zh, d.En) : code;
}

/// <summary>Money in 分, printed in 万元 (exact: 1 万元 = 1,000,000 分).</summary>
public static class Money
{
    public const long FenPerWan = 1_000_000;

    /// <summary>The largest amount one entry may carry: 1 亿万元 (1 万亿元), far above any special fund, far below overflow.</summary>
    public const decimal MaxWan = 100_000_000m;

    public const long MaxFen = (long)MaxWan * FenPerWan;

    public static decimal ToWan(long fen) => fen / (decimal)FenPerWan;

    public static long FromWan(decimal wan) => decimal.Round(wan * FenPerWan) == wan * FenPerWan
        ? (long)(wan * FenPerWan)
        : throw new ArgumentException("more precise than 1 分", nameof(wan));

    /// <summary>"2500.00": 万元 with at least two decimals, no grouping.</summary>
    public static string Number(long fen) => ToWan(fen).ToString("0.00####", CultureInfo.InvariantCulture);

    /// <summary>万元 as typed → 分; more precise than 1 分 adds a "precision" error naming the field.</summary>
    public static long FromWanInput(decimal wan, string field, Platform.Errors.Errors errors)
    {
        if (Math.Abs(wan) > MaxWan)
        {
            errors.Add(field, "max", $"金额不能超过 {MaxWan:#,0} 万元", $"an amount cannot exceed {MaxWan:#,0} (10k CNY)");
            return 0;
        }
        try { return FromWan(wan); }
        catch (ArgumentException) { errors.Add(field, "precision", "金额最多精确到分（万元后六位小数）", "amounts are exact to 1 fen (6 decimals of 10k CNY)"); return 0; }
    }

    /// <summary>万元 as typed → 分, refusing negatives and more precision than 1 分, naming the field; nothing typed is 0.</summary>
    public static long FromWanField(decimal? wan, string field, Platform.Errors.Errors errors)
    {
        if (wan is not { } w) return 0;
        if (w < 0) { errors.Add(field, "non-negative", "金额不能为负", "the amount cannot be negative"); return 0; }
        return FromWanInput(w, field, errors);
    }

    /// <summary>An amount that must be typed and above zero (a deal's amount, an answer's price): its errors name it.</summary>
    public static long RequiredPositive(decimal? wan, string field, string zh, string en, Platform.Errors.Errors errors)
    {
        if (wan is null)
        {
            errors.Add(field, "required", $"请填写{zh}", $"the {en} is required");
            return 0;
        }
        var before = errors.Count;
        var fen = FromWanField(wan, field, errors);
        if (fen == 0 && errors.Count == before) errors.Add(field, "positive", $"{zh}须大于零", $"the {en} must be positive");
        return fen;
    }

    /// <summary>"137.8", "458": 万元 with as many decimals as needed, as a sentence prints it.</summary>
    public static string Short(long fen) => ToWan(fen).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>"2,500.00万元".</summary>
    public static string Wan(long fen) => ToWan(fen).ToString("#,0.00####", CultureInfo.InvariantCulture) + "万元";
}
