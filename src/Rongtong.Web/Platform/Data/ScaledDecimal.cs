using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Rongtong.Web.Platform.Data;

/// <summary>
/// Every decimal in the model is stored as a 64-bit integer of millionths, so that SQLite and PostgreSQL compare, sort
/// and sum it identically and exactly (docs/adr/0003-exact-numbers.md). For money in 万元 one unit is 1 分;
/// the range is ±9.2 × 10^12 万元.
/// </summary>
public static class ScaledDecimal
{
    public const decimal Factor = 1_000_000m;

    public static long ToStore(decimal v) => (long)decimal.Round(v * Factor, 0, MidpointRounding.AwayFromZero);

    public sealed class Converter() : ValueConverter<decimal, long>(v => ToStore(v), v => v / Factor);

    public sealed class NullableConverter() : ValueConverter<decimal?, long?>(
        v => v == null ? null : ToStore(v.Value), v => v == null ? null : v.Value / Factor);
}
