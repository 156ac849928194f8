using Rongtong.Web.Features.Registry.Rules;

namespace Rongtong.Tests.Registry;

public sealed class SizeClassifierTests
{
    private static SizeClass C(string industry, int? x, decimal? y, decimal? z = null) =>
        SizeClassifier.Classify(industry, x, y, z, 2020).Class;

    [Fact]
    public void Rules_example_industry_350_people_1500_revenue_is_small()
    {
        var d = SizeClassifier.Classify("C3311", 350, 1500m, null, 2020);
        Assert.Equal(SizeClass.Small, d.Class);
        Assert.Equal("industry", d.Sector);
        Assert.Equal("工业：营业收入1500万元<2000，未达到中型标准；从业人员350人≥20，营业收入1500万元≥300，达到小型标准", d.RuleZh);
    }

    [Theory]
    [InlineData(1000, 40000, SizeClass.Large)]
    [InlineData(999, 40000, SizeClass.Medium)]
    [InlineData(1000, 39999.99, SizeClass.Medium)]
    [InlineData(300, 2000, SizeClass.Medium)]
    [InlineData(299, 2000, SizeClass.Small)]
    [InlineData(300, 1999.9, SizeClass.Small)]
    [InlineData(20, 300, SizeClass.Small)]
    [InlineData(19, 300, SizeClass.Micro)]
    [InlineData(20, 299, SizeClass.Micro)]
    [InlineData(0, 0, SizeClass.Micro)]
    public void Industry_bounds_are_inclusive_and_need_every_measure(int x, double y, SizeClass expected) =>
        Assert.Equal(expected, C("3130", x, (decimal)y));

    [Theory]
    [InlineData("51", 20, 5000, SizeClass.Medium)]
    [InlineData("5162", 19, 5000, SizeClass.Small)]
    [InlineData("52", 300, 20000, SizeClass.Large)]
    [InlineData("65", 10, 50, SizeClass.Small)]
    [InlineData("6513", 9, 50, SizeClass.Micro)]
    [InlineData("61", 100, 2000, SizeClass.Medium)]
    [InlineData("59", 200, 30000, SizeClass.Large)]
    [InlineData("60", 300, 2000, SizeClass.Medium)]
    [InlineData("63", 2000, 100000, SizeClass.Large)]
    [InlineData("54", 20, 200, SizeClass.Small)]
    [InlineData("7020", 100, 500, SizeClass.Small)]
    [InlineData("0111", 0, 500, SizeClass.Medium)]
    [InlineData("A", 0, 49, SizeClass.Micro)]
    [InlineData("8", 0, 0, SizeClass.Micro)]
    public void Each_sector_uses_its_own_row(string industry, int x, double y, SizeClass expected) =>
        Assert.Equal(expected, C(industry, x, (decimal)y));

    [Fact]
    public void Railway_is_not_transport_but_other()
    {
        Assert.Equal("other", SizeClassifier.Classify("5310", 150, 0, null, 2020).Sector);
        Assert.Equal(SizeClass.Medium, C("5310", 150, 0));
    }

    [Theory]
    [InlineData("E", 6000, 5000, SizeClass.Medium)]
    [InlineData("4710", 6000, 4999, SizeClass.Small)]
    [InlineData("4710", 80000, 80000, SizeClass.Large)]
    [InlineData("4710", 299, 1000, SizeClass.Micro)]
    public void Construction_uses_revenue_and_assets(string industry, double y, double z, SizeClass expected) =>
        Assert.Equal(expected, C(industry, 0, (decimal)y, (decimal)z));

    [Theory]
    [InlineData(100, 8000, SizeClass.Medium)]
    [InlineData(10, 100, SizeClass.Small)]
    [InlineData(300, 120000, SizeClass.Large)]
    [InlineData(9, 100000, SizeClass.Micro)]
    public void Leasing_uses_people_and_assets(int x, double z, SizeClass expected) =>
        Assert.Equal(expected, C("7212", x, 0, (decimal)z));

    [Theory]
    [InlineData(1000, 200000, 10000, SizeClass.Large)]
    [InlineData(0, 1000, 5000, SizeClass.Medium)]
    [InlineData(0, 100, 2000, SizeClass.Small)]
    [InlineData(0, 100, 1999, SizeClass.Micro)]
    public void Real_estate_development_is_its_own_row(int x, double y, double z, SizeClass expected) =>
        Assert.Equal(expected, C("7010", x, (decimal)y, (decimal)z));

    [Fact]
    public void The_rule_set_is_dated_data() =>
        Assert.Equal(new DateOnly(2011, 6, 18), SizeClassifier.RuleSetFor(new DateOnly(2020, 1, 1)).EffectiveFrom);
}
