using System.Globalization;

namespace Rongtong.Web.Platform.I18n;

/// <summary>
/// Bilingual strings. Every visible string is written once with both languages side by side, so that a string
/// without its English twin cannot compile (see docs/adr/0005-i18n.md).
/// </summary>
public static class Loc
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public const string CookieName = ".Rongtong.Culture";

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string zh, string en) => IsEnglish ? en : zh;
}
