using System.Text;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Web.Features.Registry.Rules;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): normalisation and validation. See RULES.md §1.
/// </summary>
public static class CreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private const string OrgAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static readonly int[] OrgWeights = [3, 7, 9, 10, 5, 8, 4, 2];
    private const string Authorities = "123456789ANY";

    /// <summary>Value of each ASCII character in <see cref="Alphabet"/>, -1 for the others.</summary>
    private static readonly sbyte[] AlphabetValue = BuildAlphabetValues();

    private static sbyte[] BuildAlphabetValues()
    {
        var v = new sbyte[128];
        Array.Fill(v, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++) v[Alphabet[i]] = (sbyte)i;
        return v;
    }

    private static int ValueOf(char c) => c < 128 ? AlphabetValue[c] : -1;

    /// <summary>Trim, remove inner spaces, full-width → half-width, upper-case.</summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input)) return "";
        // the usual case: already upper-case ASCII letters and digits, nothing to change
        var plain = true;
        foreach (var c in input)
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c)) { plain = false; break; }
        }
        if (plain) return input;
        var sb = new StringBuilder(input.Length);
        foreach (var ch in input)
        {
            var c = ch;
            if (c == '\u3000' || char.IsWhiteSpace(c) || c == '-') continue;
            if (c >= '\uFF01' && c <= '\uFF5E') c = (char)(c - 0xFEE0);
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>The check character for the first 17 characters (which must all be in the alphabet).</summary>
    public static char CheckChar(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += ValueOf(first17[i]) * Weights[i];
        var c = 31 - sum % 31;
        return c == 31 ? '0' : Alphabet[c];
    }

    /// <summary>GB 11714 check character of the organisation code (positions 9–17), or null when not computable.</summary>
    public static char? OrgCheckChar(ReadOnlySpan<char> first8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var v = OrgAlphabet.IndexOf(first8[i]);
            if (v < 0) return null;
            sum += v * OrgWeights[i];
        }
        var c = 11 - sum % 11;
        return c switch { 10 => 'X', 11 => '0', _ => (char)('0' + c) };
    }

    public sealed record Result(string Code, IReadOnlyList<FieldError> Errors, IReadOnlyList<FieldError> Warnings)
    {
        public bool Ok => Errors.Count == 0;
    }

    public static Result Validate(string? input, string field = "creditCode")
    {
        var code = Normalize(input);
        var errors = new Errors();
        var warnings = new Errors();
        if (code.Length == 0)
        {
            errors.Add(field, "required", "统一社会信用代码不能为空", "The unified social credit code is required");
            return new Result(code, errors, warnings);
        }
        if (code.Length != 18)
        {
            errors.Add(field, "length", $"统一社会信用代码应为18位，当前为{code.Length}位",
                $"The unified social credit code must have 18 characters, it has {code.Length}");
            return new Result(code, errors, warnings);
        }
        for (var i = 0; i < 18; i++)
        {
            if (ValueOf(code[i]) < 0)
            {
                errors.Add(field, "charset",
                    $"第{i + 1}位“{code[i]}”不是允许的字符（数字和除I、O、Z、S、V以外的大写字母）",
                    $"Character {i + 1} '{code[i]}' is not allowed (digits and capital letters except I, O, Z, S, V)");
                return new Result(code, errors, warnings);
            }
        }
        if (Authorities.IndexOf(code[0]) < 0)
            errors.Add(field, "authority", $"第1位登记管理部门代码“{code[0]}”无效", $"Character 1 (registering authority) '{code[0]}' is not a valid authority code");
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                errors.Add(field, "division", "第3–8位行政区划代码必须为数字", "Characters 3–8 (administrative division) must be digits");
                break;
            }
        }
        var expected = CheckChar(code.AsSpan(0, 17));
        if (code[17] != expected)
            errors.Add(field, "checksum", $"校验位错误：第18位应为“{expected}”，实为“{code[17]}”",
                $"Check character is wrong: character 18 should be '{expected}', not '{code[17]}'");
        if (errors.Ok)
        {
            var org = OrgCheckChar(code.AsSpan(8, 8));
            if (org is { } o && code[16] != o)
                warnings.Add(field, "org-checksum", $"组织机构代码（第9–17位）校验位应为“{o}”，请核实（仅提示）",
                    $"The organisation code (characters 9–17) check should be '{o}'; please verify (warning only)");
        }
        return new Result(code, errors, warnings);
    }

    /// <summary>Builds a valid code from 17 characters (used by the demo and bench generators).</summary>
    public static string Complete(string first17) => first17 + CheckChar(first17);
}
