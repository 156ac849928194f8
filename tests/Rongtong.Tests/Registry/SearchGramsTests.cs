using Rongtong.Web.Features.Registry.Search;

namespace Rongtong.Tests.Registry;

public sealed class SearchGramsTests
{
    [Fact]
    public void A_name_is_indexed_as_distinct_unigrams_and_bigrams() =>
        Assert.Equal("衡 衡阳 阳 阳钢 钢 钢管 管 管钢", SearchGrams.Of("衡阳钢管钢管"));

    [Fact]
    public void Grams_ignore_punctuation_and_case_and_fold_full_width()
    {
        Assert.Equal("A AB B", SearchGrams.Of("a（b）"));
        Assert.Equal("A AB B", SearchGrams.Of("ａｂ"));
    }

    [Theory]
    [InlineData("钢管", new[] { "钢管" })]
    [InlineData("华菱钢管", new[] { "华菱", "菱钢", "钢管" })]
    [InlineData("钢", new[] { "钢" })]
    [InlineData(" （）", new string[0])]
    public void A_query_needs_each_of_its_bigrams(string q, string[] grams) => Assert.Equal(grams, SearchGrams.ForQuery(q));
}
