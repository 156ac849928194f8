using Rongtong.Web.Features.Registry.Enterprises;
using Rongtong.Web.Platform.Errors;

namespace Rongtong.Tests.Registry;

/// <summary>The enterprise form's rules on text that is shown and exported elsewhere.</summary>
public sealed class EnterpriseRulesTests
{
    private static List<FieldError> Check(string name, string? address = null, string industry = "C3311")
    {
        var errors = new Errors();
        EnterpriseRules.Check(new EnterpriseInput { CreditCode = "91430400MA4Y9998XL", Name = name, Address = address, IndustryCode = industry },
            new DateOnly(2026, 12, 6), errors, [], out _, out _);
        return errors.ToList();
    }

    [Theory]
    [InlineData("衡阳\0钢管有限公司")]
    [InlineData("衡阳钢管\u202E司公限有")] // shown backwards: passes for another name
    [InlineData("衡阳钢管\u2066有限公司")]
    [InlineData("衡阳钢管\n有限公司")]
    [InlineData("衡阳钢管\t有限公司")]
    public void A_name_with_invisible_control_characters_is_refused(string name) =>
        Assert.Equal([("name", "hidden-characters")], Check(name).Select(e => (e.Field, e.Rule)));

    [Fact]
    public void Ordinary_names_and_addresses_pass_and_a_control_character_in_the_address_is_named()
    {
        Assert.Empty(Check("衡阳华菱钢管有限公司（Hengyang Valin）· 二期", "衡阳市蒸湘区大栗新村10号"));
        Assert.Equal([("address", "hidden-characters")], Check("衡阳华菱钢管有限公司", "蒸湘区\r\n大栗新村").Select(e => (e.Field, e.Rule)));
    }

    [Fact]
    public void A_wrong_industry_code_is_repeated_in_the_message_only_in_part()
    {
        var e = Assert.Single(Check("衡阳华菱钢管有限公司", industry: new string('9', 100_000)));
        Assert.Equal("gbt4754", e.Rule);
        Assert.True(e.MessageZh.Length < 100, e.MessageZh);
    }
}
