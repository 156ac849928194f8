using Rongtong.Web.Platform.Errors;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Registry.Rules;

/// <summary>
/// One entry of 国民经济行业分类 GB/T 4754-2017. <paramref name="EnglishName"/> is carried for 门类 and 大类 only; the
/// standard has no official English names, and those of the 117 are the project's own translation.
/// </summary>
public sealed record Industry(string Code, int Level, string? Parent, string Name, string Section, string? EnglishName)
{
    /// <summary>The name in the UI language; a 中类 or 小类 has no English name and keeps its Chinese one.</summary>
    public string LocalName => Loc.IsEnglish && EnglishName is not null ? EnglishName : Name;
}

/// <summary>
/// GB/T 4754-2017, all four levels, carried as an embedded CSV. 中类 that have a single 小类 have no row of their
/// own in the source; they are derived here from that 小类.
/// </summary>
public static class IndustryCodes
{
    private static readonly Lazy<Dictionary<string, Industry>> All = new(Load);

    public static IReadOnlyDictionary<string, Industry> Map => All.Value;

    public static IEnumerable<Industry> Sections => All.Value.Values.Where(i => i.Level == 1).OrderBy(i => i.Code);

    public static IEnumerable<Industry> Divisions => All.Value.Values.Where(i => i.Level == 2).OrderBy(i => i.Code);

    private static Dictionary<string, Industry> Load()
    {
        var raw = Rows("gbt4754-2017.csv", 4).Select(p => (code: p[0], level: int.Parse(p[1]), parent: p[2], name: p[3])).ToList();
        var english = Rows("gbt4754-2017-english.csv", 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var parents = raw.ToDictionary(r => r.code, r => r.parent);
        string SectionOfRaw(string code)
        {
            var c = code;
            while (parents.TryGetValue(c, out var p) && p.Length > 0) c = p;
            if (c.Length == 1) return c;
            // a 小类 whose 中类 has no row: its parent is the missing 3-digit code
            return parents.TryGetValue(code[..2], out var s) ? s : "";
        }
        var map = new Dictionary<string, Industry>(StringComparer.Ordinal);
        foreach (var r in raw)
            map[r.code] = new Industry(r.code, r.level, r.parent.Length == 0 ? null : r.parent, r.name,
                r.level == 1 ? r.code : SectionOfRaw(r.code), english.GetValueOrDefault(r.code));
        foreach (var r in raw.Where(r => r.level == 4 && !map.ContainsKey(r.parent)))
            map[r.parent] = new Industry(r.parent, 3, r.parent[..2], r.name, map[r.code].Section, null);
        return map;
    }

    /// <summary>The rows of an embedded CSV after its header, split into <paramref name="fields"/> trimmed fields.</summary>
    private static IEnumerable<string[]> Rows(string file, int fields)
    {
        var asm = typeof(IndustryCodes).Assembly;
        var name = asm.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        using var reader = new StreamReader(asm.GetManifestResourceStream(name)!);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var p = line.Split(',', fields);
            if (p.Length == fields) yield return [.. p.Select(f => f.Trim().Trim('"'))];
        }
    }

    /// <summary>"C3311" → "3311"; "c" → "C"; trims.</summary>
    public static string StripSection(string code)
    {
        code = code.Trim().ToUpperInvariant();
        if (code.Length > 1 && char.IsAsciiLetter(code[0]) && char.IsAsciiDigit(code[1])) return code[1..];
        return code;
    }

    public static string SectionOf(string code)
    {
        code = StripSection(code);
        return All.Value.TryGetValue(code, out var i) ? i.Section : "";
    }

    public static Industry? Find(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : All.Value.GetValueOrDefault(StripSection(code));

    /// <summary>
    /// "C3831 电线、电缆制造" for display, in the UI language. In English a 中类 or 小类 keeps its Chinese name and adds
    /// its 大类's English one: "C3831 电线、电缆制造 (38 Electrical machinery and equipment)".
    /// </summary>
    public static string Describe(string? code)
    {
        if (Find(code) is not { } i) return code ?? "";
        var text = $"{i.Section}{(i.Level > 1 ? i.Code : "")} {i.LocalName}";
        return Loc.IsEnglish && i.Level > 2 && Find(i.Code[..2]) is { } division ? $"{text} ({division.Code} {division.LocalName})" : text;
    }

    /// <summary>Validates a code: it must be one of the carried codes (门类 letter, 大类, 中类 or 小类).</summary>
    public static string? Validate(string? input, Errors errors, string field = "industryCode")
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            errors.Add(field, "required", "行业代码不能为空", "The industry code is required");
            return null;
        }
        var code = StripSection(input);
        if (!All.Value.ContainsKey(code))
        {
            errors.Add(field, "gbt4754", $"行业代码“{TextRules.Echo(input.Trim())}”不在《国民经济行业分类》(GB/T 4754-2017)中",
                $"Industry code '{TextRules.Echo(input.Trim())}' is not in GB/T 4754-2017");
            return null;
        }
        // the letter, if given, must be the code's own section
        var given = input.Trim().ToUpperInvariant();
        if (given.Length > 1 && char.IsAsciiLetter(given[0]) && given[0].ToString() != All.Value[code].Section)
        {
            errors.Add(field, "gbt4754-section", $"行业代码“{given}”的门类字母应为{All.Value[code].Section}",
                $"Industry code '{given}' belongs to section {All.Value[code].Section}");
            return null;
        }
        return code;
    }
}
