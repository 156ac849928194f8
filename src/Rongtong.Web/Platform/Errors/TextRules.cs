using System.Buffers;

namespace Rongtong.Web.Platform.Errors;

/// <summary>Rules for a line of text that people read elsewhere (lists, exports, the report).</summary>
public static class TextRules
{
    // control characters (NUL, tabs, line breaks, …) and the bidirectional controls that make text show in another
    // order than it is stored (U+202A–U+202E, U+2066–U+2069): invisible, and a name holding them can pass for another
    private static readonly SearchValues<char> Hidden = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + "\u007F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    public static bool HasHidden(string text) => text.AsSpan().IndexOfAny(Hidden) >= 0;

    /// <summary>Adds the "hidden characters" error for <paramref name="field"/> when <paramref name="text"/> holds one.</summary>
    public static void NoHidden(string? text, Errors errors, string field, string zh, string en)
    {
        if (text is not null && HasHidden(text))
            errors.Add(field, "hidden-characters", $"{zh}含有不可见的控制字符（如换行、制表符或文字方向控制符）", $"{en} contains invisible control characters (line breaks, tabs or text-direction controls)");
    }

    /// <summary>A value as a message repeats it: at most <paramref name="max"/> characters.</summary>
    public static string Echo(string value, int max = 40) => value.Length <= max ? value : value[..max] + "…";
}
