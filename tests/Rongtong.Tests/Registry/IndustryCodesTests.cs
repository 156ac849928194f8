using Rongtong.Web.Features.Registry.Rules;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Tests.Registry;

public sealed class IndustryCodesTests
{
    [Fact]
    public void All_levels_are_carried()
    {
        Assert.Equal(20, IndustryCodes.Map.Values.Count(i => i.Level == 1));
        Assert.Equal(97, IndustryCodes.Map.Values.Count(i => i.Level == 2));
        Assert.Equal(473, IndustryCodes.Map.Values.Count(i => i.Level == 3));
        Assert.Equal(1380, IndustryCodes.Map.Values.Count(i => i.Level == 4));
    }

    [Theory]
    [InlineData("C3311", "3311", "C")]
    [InlineData("3311", "3311", "C")]
    [InlineData("c", "C", "C")]
    [InlineData("51", "51", "F")]
    [InlineData("0111", "0111", "A")]
    public void Valid_codes_resolve_with_their_section(string input, string code, string section)
    {
        var errors = new Errors();
        Assert.Equal(code, IndustryCodes.Validate(input, errors));
        Assert.Empty(errors);
        Assert.Equal(section, IndustryCodes.SectionOf(code));
    }

    [Theory]
    [InlineData("9999", "gbt4754")]
    [InlineData("", "required")]
    [InlineData("F3311", "gbt4754-section")]
    public void Invalid_codes_name_the_rule(string input, string rule)
    {
        var errors = new Errors();
        Assert.Null(IndustryCodes.Validate(input, errors));
        Assert.Equal(rule, Assert.Single(errors).Rule);
    }

    [Fact]
    public void Sections_and_divisions_have_english_names_and_no_name_keeps_padding()
    {
        Assert.All(IndustryCodes.Map.Values, i =>
        {
            Assert.Equal(i.Level <= 2, !string.IsNullOrEmpty(i.EnglishName));
            Assert.Equal(i.Name.Trim(), i.Name);
        });
    }

    [Theory]
    [InlineData("zh-CN", "C31", "C31 黑色金属冶炼和压延加工业")]
    [InlineData("en", "C31", "C31 Ferrous metal smelting and rolling")]
    [InlineData("en", "C", "C Manufacturing")]
    [InlineData("zh-CN", "3831", "C3831 电线、电缆制造")]
    [InlineData("en", "3831", "C3831 电线、电缆制造 (38 Electrical machinery and equipment)")]
    [InlineData("en", "9999", "9999")]
    public void Describe_uses_the_ui_language(string culture, string code, string expected)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        try { Assert.Equal(expected, IndustryCodes.Describe(code)); }
        finally { System.Globalization.CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void A_derived_middle_class_takes_its_single_small_class_name()
    {
        // 中类 with a single 小类 have no row of their own in the source
        var derived = IndustryCodes.Map.Values.Where(i => i.Level == 3 && IndustryCodes.Map.Values.Count(c => c.Parent == i.Code) == 1).ToList();
        Assert.NotEmpty(derived);
        Assert.All(derived, d => Assert.False(string.IsNullOrEmpty(d.Name)));
    }
}

public sealed class DemoDataTests
{
    [Fact]
    public async Task Every_demo_enterprise_has_a_valid_industry_code_and_credit_code()
    {
        await using var app = await Support.TestApp.StartAsync();
        await using var db = app.Db.NewContext();
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Enterprises);
        Assert.All(rows, e =>
        {
            Assert.NotNull(IndustryCodes.Find(e.IndustryCode));
            Assert.True(CreditCode.Validate(e.CreditCode).Ok, e.CreditCode);
            Assert.True(e.IsDemo);
        });
    }
}
