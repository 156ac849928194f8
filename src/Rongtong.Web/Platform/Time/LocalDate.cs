namespace Rongtong.Web.Platform.Time;

/// <summary>
/// The calendar day as the zone office lives it. Instants are stored in UTC (ADR 0003), but a date typed into a form
/// ("received today") is a day in China Standard Time (UTC+8, no daylight saving): from 00:00 to 08:00 there, the UTC
/// date is still yesterday, and a "not in the future" rule on it would refuse today.
/// </summary>
public static class LocalDate
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);
}
