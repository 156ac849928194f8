using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rongtong.Web.Features.Registry.Rules;

/// <summary>企业规模 (大/中/小/微) per 《中小企业划型标准规定》.</summary>
public enum SizeClass { Micro = 1, Small = 2, Medium = 3, Large = 4 }

/// <summary>Lower bounds of a tier; null = not used. X = employees, Y = revenue (万元), Z = total assets (万元).</summary>
public sealed record Bounds(int? X, decimal? Y, decimal? Z);

/// <summary>A dated version of the size table.</summary>
public sealed record SizeRuleSet(string Version, DateOnly EffectiveFrom, string Source, SizeRowWithLarge[] Rows);

/// <summary>One industry's row; "large" is "not below any SME ceiling", carried as its own bounds.</summary>
public sealed record SizeRowWithLarge(string Sector, string NameZh, string NameEn, string[] Codes,
    Bounds Large, Bounds Medium, Bounds Small);

public sealed record SizeDecision(SizeClass Class, string Sector, string SectorZh, string SectorEn, string RuleZh, string Version)
{
    /// <summary>The English explanation, built on first use: bulk imports store only the Chinese one (EnterpriseYear.SizeRule).</summary>
    public string RuleEn => English.Value;

    internal Lazy<string> English { private get; init; } = new("");
}

/// <summary>
/// Classifies an enterprise top-down (大 → 中 → 小 → 微). 大/中/小 need every listed lower bound; 微 is what is left.
/// The table is data (Features/Registry/Data/size-rules-*.json) with an effective date, so a revision is a new file.
/// </summary>
public static class SizeClassifier
{
    private static readonly Lazy<SizeRuleSet[]> Sets = new(Load);

    private static SizeRuleSet[] Load()
    {
        var asm = typeof(SizeClassifier).Assembly;
        var opts = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowReadingFromString };
        return asm.GetManifestResourceNames().Where(n => n.Contains("size-rules-", StringComparison.Ordinal))
            .Select(n =>
            {
                using var s = asm.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<SizeRuleSet>(s, opts)!;
            })
            .OrderBy(s => s.EffectiveFrom).ToArray();
    }

    /// <summary>The rule set in force on a date (the latest whose effective date is not after it).</summary>
    public static SizeRuleSet RuleSetFor(DateOnly date) =>
        Sets.Value.LastOrDefault(s => s.EffectiveFrom <= date) ?? Sets.Value[0];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(SizeRuleSet, string), SizeRowWithLarge> RowCache = new();

    /// <summary>Finds the table row for a GB/T 4754 code (with or without the section letter); cached per code.</summary>
    public static SizeRowWithLarge RowFor(SizeRuleSet set, string? industryCode) =>
        RowCache.GetOrAdd((set, industryCode ?? ""), static k => FindRow(k.Item1, k.Item2));

    private static SizeRowWithLarge FindRow(SizeRuleSet set, string? industryCode)
    {
        var code = IndustryCodes.StripSection(industryCode ?? "");
        var section = IndustryCodes.SectionOf(code);
        SizeRowWithLarge? best = null;
        var bestLen = -1;
        foreach (var row in set.Rows)
        {
            foreach (var c in row.Codes)
            {
                var match = c.Length == 1 && char.IsAsciiLetter(c[0]) ? section == c : code.StartsWith(c, StringComparison.Ordinal);
                var len = c.Length == 1 && char.IsAsciiLetter(c[0]) ? 0 : c.Length;
                if (match && len > bestLen) { best = row; bestLen = len; }
            }
        }
        return best ?? set.Rows.Single(r => r.Sector == "other");
    }

    public static SizeDecision Classify(string? industryCode, int? employees, decimal? revenue, decimal? assets, int year)
        => Classify(RuleSetFor(new DateOnly(year, 12, 31)), industryCode, employees, revenue, assets);

    public static SizeDecision Classify(SizeRuleSet set, string? industryCode, int? employees, decimal? revenue, decimal? assets)
    {
        var row = RowFor(set, industryCode);
        (SizeClass cls, Bounds b)[] tiers = [(SizeClass.Large, row.Large), (SizeClass.Medium, row.Medium), (SizeClass.Small, row.Small)];
        var x = employees ?? 0;
        var y = revenue ?? 0;
        var z = assets ?? 0;
        for (var i = 0; i < tiers.Length; i++)
        {
            if (Meets(tiers[i].b, x, y, z))
                return Decide(set, row, tiers[i].cls, i == 0 ? null : tiers[i - 1], tiers[i].b, x, y, z);
        }
        return Decide(set, row, SizeClass.Micro, tiers[^1], null, x, y, z);
    }

    private static bool Meets(Bounds b, int x, decimal y, decimal z) =>
        (b.X is null || x >= b.X) && (b.Y is null || y >= b.Y) && (b.Z is null || z >= b.Z);

    /// <summary>Explains the decision: which bound of the tier above failed, and that every bound of the tier given was met.</summary>
    private static SizeDecision Decide(SizeRuleSet set, SizeRowWithLarge row, SizeClass cls, (SizeClass cls, Bounds b)? above, Bounds? met, int x, decimal y, decimal z) =>
        new(cls, row.Sector, row.NameZh, row.NameEn, Explain(row, cls, above, met, x, y, z, zh: true), set.Version)
        {
            English = new(() => Explain(row, cls, above, met, x, y, z, zh: false)),
        };

    /// <summary>Explains the decision: which bound of the tier above failed, and that every bound of the tier given was met.</summary>
    private static string Explain(SizeRowWithLarge row, SizeClass cls, (SizeClass cls, Bounds b)? above, Bounds? met, int x, decimal y, decimal z, bool zh)
    {
        var sb = new System.Text.StringBuilder(96);
        sb.Append(zh ? row.NameZh : row.NameEn).Append(zh ? "：" : ": ");
        if (above is { } a)
        {
            Compare(sb, a.b, x, y, z, failedOnly: true, zh);
            sb.Append(zh ? $"，未达到{TierZh(a.cls)}标准" : $", below the {TierEn(a.cls)} bounds");
            sb.Append(zh ? "；" : "; ");
        }
        if (met is not null)
        {
            Compare(sb, met, x, y, z, failedOnly: false, zh);
            sb.Append(zh ? $"，达到{TierZh(cls)}标准" : $", meets every {TierEn(cls)} bound");
        }
        else sb.Append(zh ? "划为微型" : "so micro");
        return sb.ToString();
    }

    private static void Compare(System.Text.StringBuilder sb, Bounds b, int x, decimal y, decimal z, bool failedOnly, bool zh)
    {
        var first = true;
        void Sep()
        {
            if (!first) sb.Append(zh ? "，" : ", ");
            first = false;
        }
        if (b.X is { } bx && (!failedOnly || x < bx))
        {
            Sep();
            var op = x >= bx ? "≥" : "<";
            sb.Append(zh ? $"从业人员{x}人{op}{bx}" : $"employees {x} {op} {bx}");
        }
        if (b.Y is { } by && (!failedOnly || y < by))
        {
            Sep();
            var op = y >= by ? "≥" : "<";
            sb.Append(zh ? $"营业收入{F(y)}万元{op}{F(by)}" : $"revenue {F(y)} {op} {F(by)} (10k CNY)");
        }
        if (b.Z is { } bz && (!failedOnly || z < bz))
        {
            Sep();
            var op = z >= bz ? "≥" : "<";
            sb.Append(zh ? $"资产总额{F(z)}万元{op}{F(bz)}" : $"assets {F(z)} {op} {F(bz)} (10k CNY)");
        }
    }

    private static string TierZh(SizeClass c) => c switch { SizeClass.Large => "大型", SizeClass.Medium => "中型", SizeClass.Small => "小型", _ => "微型" };

    private static string TierEn(SizeClass c) => c switch { SizeClass.Large => "large", SizeClass.Medium => "medium", SizeClass.Small => "small", _ => "micro" };

    private static string F(decimal? v) => (v ?? 0).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    public static string Code(SizeClass c) => c switch
    {
        SizeClass.Large => "large", SizeClass.Medium => "medium", SizeClass.Small => "small", _ => "micro",
    };

    public static string Label(SizeClass c) => c switch
    {
        SizeClass.Large => Platform.I18n.Loc.T("大型", "Large"),
        SizeClass.Medium => Platform.I18n.Loc.T("中型", "Medium"),
        SizeClass.Small => Platform.I18n.Loc.T("小型", "Small"),
        _ => Platform.I18n.Loc.T("微型", "Micro"),
    };
}
