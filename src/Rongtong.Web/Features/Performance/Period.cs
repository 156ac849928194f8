using System.Diagnostics.CodeAnalysis;
using Rongtong.Web.Platform.I18n;

namespace Rongtong.Web.Features.Performance;

/// <summary>Quarter, half-year or year (the values are stable: they are stored).</summary>
public enum PeriodKind { Q1 = 1, Q2 = 2, Q3 = 3, Q4 = 4, H1 = 5, H2 = 6, Y = 7 }

/// <summary>A reporting period: a year and which part of it, e.g. 2020Y, 2021Q3, 2021H1.</summary>
public readonly record struct Period(int Year, PeriodKind Kind) : IComparable<Period>
{
    public Frequency Frequency => Kind switch
    {
        PeriodKind.Y => Frequency.Year,
        PeriodKind.H1 or PeriodKind.H2 => Frequency.HalfYear,
        _ => Frequency.Quarter,
    };

    public DateOnly Start => new(Year, Kind switch { PeriodKind.Q2 => 4, PeriodKind.Q3 or PeriodKind.H2 => 7, PeriodKind.Q4 => 10, _ => 1 }, 1);

    public DateOnly End => Kind switch
    {
        PeriodKind.Q1 => new(Year, 3, 31),
        PeriodKind.Q2 or PeriodKind.H1 => new(Year, 6, 30),
        PeriodKind.Q3 => new(Year, 9, 30),
        _ => new(Year, 12, 31),
    };

    /// <summary>The period before this one of the same length (2020Q1 → 2019Q4, 2020H1 → 2019H2, 2020Y → 2019Y).</summary>
    public Period Previous => Kind switch
    {
        PeriodKind.Q1 => new(Year - 1, PeriodKind.Q4),
        PeriodKind.H1 => new(Year - 1, PeriodKind.H2),
        PeriodKind.Y => new(Year - 1, PeriodKind.Y),
        _ => new(Year, Kind - 1),
    };

    /// <summary>An indicator reported at <paramref name="f"/> has values in this period (every indicator has a year value).</summary>
    public bool Applies(Frequency f) => Frequency == Frequency.Year || f <= Frequency;

    public override string ToString() => $"{Year}{Kind}";

    public string Label => Kind switch
    {
        PeriodKind.Y => Loc.T($"{Year}年", $"{Year}"),
        PeriodKind.H1 => Loc.T($"{Year}年上半年", $"{Year} H1"),
        PeriodKind.H2 => Loc.T($"{Year}年下半年", $"{Year} H2"),
        _ => Loc.T($"{Year}年第{(int)Kind}季度", $"{Year} Q{(int)Kind}"),
    };

    public int CompareTo(Period other) => End != other.End ? End.CompareTo(other.End) : Kind.CompareTo(other.Kind);

    public static readonly PeriodKind[] Kinds = Enum.GetValues<PeriodKind>();

    /// <summary>The years a period may have.</summary>
    public const int MinYear = 2000, MaxYear = 2100;

    /// <summary>Refuses a year outside <see cref="MinYear"/>–<see cref="MaxYear"/>, naming the field.</summary>
    public static void RequireYear(int year)
    {
        if (year is < MinYear or > MaxYear)
            throw new Platform.Errors.ValidationFailedException([new("year", "range", $"年度须在 {MinYear} 至 {MaxYear} 之间", $"the year must be between {MinYear} and {MaxYear}")]);
    }

    /// <summary>
    /// What a page says when the period in its address does not parse and it shows its default period instead.
    /// </summary>
    public static string Unreadable(string given) => Loc.T(
        $"期间“{Platform.Errors.TextRules.Echo(given)}”无效（如 2021、2021H1、2021Q3，年份 {MinYear}–{MaxYear}），下面是默认期间",
        $"'{Platform.Errors.TextRules.Echo(given)}' is not a period (e.g. 2021, 2021H1, 2021Q3; years {MinYear}–{MaxYear}): the default period is shown");

    /// <summary>Parses "2020Y", "2020", "2021Q3", "2021H1" (case-insensitive).</summary>
    public static bool TryParse(string? s, [NotNullWhen(true)] out Period? period)
    {
        period = null;
        s = s?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(s) || s.Length < 4 || !int.TryParse(s[..4], out var y) || y < MinYear || y > MaxYear) return false;
        var rest = s[4..];
        if (rest is "" or "Y") { period = new Period(y, PeriodKind.Y); return true; }
        if (!Enum.TryParse<PeriodKind>(rest, out var k) || !Enum.IsDefined(k) || rest.Any(char.IsDigit) && rest.Length != 2) return false;
        period = new Period(y, k);
        return true;
    }

    /// <summary>The CLI's "--period Q1|Q2|Q3|Q4|H1|H2|Y".</summary>
    public static bool TryParseKind(string? s, out PeriodKind kind) =>
        Enum.TryParse(s?.Trim().ToUpperInvariant(), out kind) && Enum.IsDefined(kind) && !int.TryParse(s, out _);
}
