using Rongtong.Web.Features.Registry.Demo;
using Rongtong.Web.Features.Registry.Rules;

namespace Rongtong.Tests.Registry;

public sealed class CreditCodeTests
{
    [Fact]
    public void The_standard_example_is_valid() => Assert.True(CreditCode.Validate("91350100M000100Y43").Ok);

    [Theory]
    [InlineData(" 91350100m000100y43 ")]
    [InlineData("９１３５０１００Ｍ０００１００Ｙ４３")]
    [InlineData("9135 0100 M000 100Y 43")]
    public void Input_is_normalised_before_validation(string input)
    {
        var r = CreditCode.Validate(input);
        Assert.True(r.Ok);
        Assert.Equal("91350100M000100Y43", r.Code);
    }

    [Fact]
    public void A_wrong_check_character_names_the_expected_one()
    {
        var r = CreditCode.Validate("91350100M000100Y44");
        var e = Assert.Single(r.Errors);
        Assert.Equal("checksum", e.Rule);
        Assert.Contains("“3”", e.MessageZh);
        Assert.Contains("'3'", e.MessageEn);
    }

    [Theory]
    [InlineData("91350100M000100Y4", "length")]
    [InlineData("91350100M000100Y433", "length")]
    [InlineData("", "required")]
    [InlineData("91350100M00010IY43", "charset")]
    [InlineData("91350100M00010OY43", "charset")]
    [InlineData("91350100M00010ZY43", "charset")]
    [InlineData("91350100M00010SY43", "charset")]
    [InlineData("91350100M00010VY43", "charset")]
    [InlineData("9135A100M000100Y43", "division")]
    public void Malformed_codes_are_rejected_with_the_rule(string input, string rule) =>
        Assert.Contains(CreditCode.Validate(input).Errors, e => e.Rule == rule);

    [Theory]
    [InlineData('1')] [InlineData('5')] [InlineData('9')] [InlineData('Y')] [InlineData('A')] [InlineData('N')] [InlineData('3')]
    public void Every_registering_authority_is_accepted(char first)
    {
        var code = CreditCode.Complete(first + "1350100MA4Y00012");
        Assert.DoesNotContain(CreditCode.Validate(code).Errors, e => e.Rule == "authority");
    }

    [Fact]
    public void An_unknown_registering_authority_is_rejected()
    {
        var code = CreditCode.Complete("B1350100MA4Y00012");
        Assert.Contains(CreditCode.Validate(code).Errors, e => e.Rule == "authority");
    }

    [Fact]
    public void Remainder_31_maps_to_zero()
    {
        // find a 17-character body whose weighted sum is ≡ 0 (mod 31): its check character must be '0'
        var body = Enumerable.Range(0, 31).Select(i => "9143040" + CreditCode.Alphabet[i] + "MA4Y00012")
            .First(b => b.Select((c, i) => CreditCode.Alphabet.IndexOf(c) * (int)(Math.Pow(3, i) % 31)).Sum() % 31 == 0);
        Assert.Equal('0', CreditCode.CheckChar(body));
        Assert.True(CreditCode.Validate(body + "0").Ok);
    }

    [Fact]
    public void A_wrong_organisation_code_check_is_only_a_warning()
    {
        // valid outer check, inner GB 11714 check deliberately wrong
        var org8 = "MA4Y0001";
        var good = CreditCode.OrgCheckChar(org8)!.Value;
        var bad = good == '1' ? '2' : '1';
        var code = CreditCode.Complete("91430400" + org8 + bad);
        var r = CreditCode.Validate(code);
        Assert.True(r.Ok);
        Assert.Contains(r.Warnings, w => w.Rule == "org-checksum");
    }

    [Fact]
    public void Demo_codes_are_valid_without_warnings()
    {
        for (var i = 1; i < 400; i++)
        {
            var r = CreditCode.Validate(DemoSeed.DemoCode(i));
            Assert.True(r.Ok, r.Code);
            Assert.Empty(r.Warnings);
        }
    }
}
