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

public sealed record SizeDecision(SizeClass Class, string Sector, string SectorZh, string SectorEn, string RuleZh, string RuleEn, string Version);

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
    private static SizeDecision Decide(SizeRuleSet set, SizeRowWithLarge row, SizeClass cls, (SizeClass cls, Bounds b)? above, Bounds? met, int x, decimal y, decimal z)
    {
        var zh = new List<string>();
        var en = new List<string>();
        if (above is { } a)
        {
            var (fz, fe) = Compare(a.b, x, y, z, failedOnly: true);
            zh.Add($"{fz}，未达到{TierZh(a.cls)}标准");
            en.Add($"{fe}, below the {TierEn(a.cls)} bounds");
        }
        if (met is not null)
        {
            var (mz, me) = Compare(met, x, y, z, failedOnly: false);
            zh.Add($"{mz}，达到{TierZh(cls)}标准");
            en.Add($"{me}, meets every {TierEn(cls)} bound");
        }
        else
        {
            zh.Add("划为微型");
            en.Add("so micro");
        }
        return new SizeDecision(cls, row.Sector, row.NameZh, row.NameEn,
            $"{row.NameZh}：{string.Join("；", zh)}", $"{row.NameEn}: {string.Join("; ", en)}", set.Version);
    }

    private static (string zh, string en) Compare(Bounds b, int x, decimal y, decimal z, bool failedOnly)
    {
        var zh = new List<string>();
        var en = new List<string>();
        if (b.X is { } bx && (!failedOnly || x < bx)) { zh.Add($"从业人员{x}人{(x >= bx ? "≥" : "<")}{bx}"); en.Add($"employees {x} {(x >= bx ? "≥" : "<")} {bx}"); }
        if (b.Y is { } by && (!failedOnly || y < by)) { zh.Add($"营业收入{F(y)}万元{(y >= by ? "≥" : "<")}{F(by)}"); en.Add($"revenue {F(y)} {(y >= by ? "≥" : "<")} {F(by)} (10k CNY)"); }
        if (b.Z is { } bz && (!failedOnly || z < bz)) { zh.Add($"资产总额{F(z)}万元{(z >= bz ? "≥" : "<")}{F(bz)}"); en.Add($"assets {F(z)} {(z >= bz ? "≥" : "<")} {F(bz)} (10k CNY)"); }
        return (string.Join("，", zh), string.Join(", ", en));
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
