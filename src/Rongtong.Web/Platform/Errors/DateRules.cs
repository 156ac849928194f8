namespace Rongtong.Web.Platform.Errors;

/// <summary>The range a date of the carrier's work may take: from 2000 (no carrier's records are older) to today, or
/// up to five years ahead for a date that plans (a scheduled payment, an effective date, a milestone due).</summary>
public static class DateRules
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>Adds "required" or "range" for <paramref name="field"/>; true when the date is given and in range.</summary>
    public static bool InRange(DateOnly? date, DateOnly today, string field, string what, string whatEn, bool future, Errors errors)
    {
        var latest = future ? today.AddYears(5) : today;
        if (date is not { } d) errors.Add(field, "required", $"请填写{what}", $"{whatEn} is required");
        else if (d < Earliest || d > latest)
            errors.Add(field, "range", $"{what}须在 {Earliest:yyyy-MM-dd} 至 {latest:yyyy-MM-dd} 之间", $"{whatEn} must be between {Earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}");
        else return true;
        return false;
    }
}
