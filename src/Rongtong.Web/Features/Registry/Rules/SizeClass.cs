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

    public static IReadOnlyList<SizeRuleSet> RuleSets => Sets.Value;

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

    /// <summary>Finds the table row for a GB/T 4754 code (with or without the section letter).</summary>
    public static SizeRowWithLarge RowFor(SizeRuleSet set, string? industryCode)
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
        foreach (var (cls, b) in tiers)
        {
            if (Meets(b, employees, revenue, assets))
                return Decide(set, row, cls, b, employees, revenue, assets, met: true);
        }
        return Decide(set, row, SizeClass.Micro, row.Small, employees, revenue, assets, met: false);
    }

    private static bool Meets(Bounds b, int? x, decimal? y, decimal? z) =>
        (b.X is null || (x ?? 0) >= b.X) && (b.Y is null || (y ?? 0) >= b.Y) && (b.Z is null || (z ?? 0) >= b.Z);

    private static SizeDecision Decide(SizeRuleSet set, SizeRowWithLarge row, SizeClass cls, Bounds b, int? x, decimal? y, decimal? z, bool met)
    {
        var partsZh = new List<string>();
        var partsEn = new List<string>();
        if (b.X is { } bx) { partsZh.Add($"从业人员{x ?? 0}人{(met ? "≥" : (x ?? 0) >= bx ? "≥" : "<")}{bx}"); partsEn.Add($"employees {x ?? 0} {(met || (x ?? 0) >= bx ? "≥" : "<")} {bx}"); }
        if (b.Y is { } by) { partsZh.Add($"营业收入{F(y)}万元{((y ?? 0) >= by ? "≥" : "<")}{F(by)}"); partsEn.Add($"revenue {F(y)} {((y ?? 0) >= by ? "≥" : "<")} {F(by)} (10k CNY)"); }
        if (b.Z is { } bz) { partsZh.Add($"资产总额{F(z)}万元{((z ?? 0) >= bz ? "≥" : "<")}{F(bz)}"); partsEn.Add($"assets {F(z)} {((z ?? 0) >= bz ? "≥" : "<")} {F(bz)} (10k CNY)"); }
        var (tierZh, tierEn) = cls switch
        {
            SizeClass.Large => ("大型", "large"),
            SizeClass.Medium => ("中型", "medium"),
            SizeClass.Small => ("小型", "small"),
            _ => ("微型", "micro"),
        };
        string ruleZh, ruleEn;
        if (met)
        {
            ruleZh = $"{row.NameZh}：{string.Join("，", partsZh)}，同时满足{tierZh}标准";
            ruleEn = $"{row.NameEn}: {string.Join(", ", partsEn)} — meets every {tierEn} bound";
        }
        else
        {
            ruleZh = $"{row.NameZh}：{string.Join("，", partsZh)}，未同时满足小型标准，划为微型";
            ruleEn = $"{row.NameEn}: {string.Join(", ", partsEn)} — not every small bound met, so micro";
        }
        return new SizeDecision(cls, row.Sector, row.NameZh, row.NameEn, ruleZh, ruleEn, set.Version);
    }

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
