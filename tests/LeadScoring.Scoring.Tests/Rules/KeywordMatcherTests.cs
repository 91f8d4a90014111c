using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Tests.Rules;

public sealed class KeywordMatcherTests
{
    private static readonly KeywordMatcher<RoleTier> SeedRoles = new(
    [
        (RoleTier.DecisionMaker, SeedKeywords.DecisionMakers),
        (RoleTier.Senior, SeedKeywords.SeniorRoles),
        (RoleTier.Influencer, SeedKeywords.Influencers),
    ]);

    [Theory]
    [InlineData("VP, Sales", new[] { "vp", "sales" })]
    [InlineData("vp-sales", new[] { "vp", "sales" })]
    [InlineData("V.P. Sales", new[] { "vp", "sales" })]
    [InlineData("C.E.O", new[] { "ceo" })]
    [InlineData("Co-Founder & CTO", new[] { "co", "founder", "cto" })]
    [InlineData("Sr.Manager", new[] { "sr", "manager" })]
    [InlineData("FinTech", new[] { "fintech" })]
    [InlineData("R&D_lead/ops", new[] { "r", "d", "lead", "ops" })]
    [InlineData("  ", new string[0])]
    [InlineData("--", new string[0])]
    public void Words_split_on_separators_and_join_dotted_abbreviations(string text, string[] expected)
    {
        var words = KeywordText.Words(text);

        Assert.Equal(expected, words);
    }

    [Fact]
    public void Matcher_prefers_more_words_over_higher_tier()
    {
        var matcher = new KeywordMatcher<IndustryTier>(
        [
            (IndustryTier.Target, ["tech"]),
            (IndustryTier.Adjacent, ["healthcare tech"]),
            (IndustryTier.Neutral, ["healthcare"]),
        ]);

        var match = matcher.Match("Healthcare Tech");

        Assert.Equal(new KeywordMatch<IndustryTier>(IndustryTier.Adjacent, "healthcare tech"), match);
    }

    [Fact]
    public void Matcher_gives_a_tie_in_length_to_the_higher_tier()
    {
        var matcher = new KeywordMatcher<IndustryTier>([(IndustryTier.Neutral, ["healthcare"]), (IndustryTier.Target, ["healthcare"])]);

        var match = matcher.Match("healthcare");

        Assert.Equal(IndustryTier.Target, match?.Tier);
    }

    [Fact]
    public void Matcher_gives_a_tie_in_length_and_tier_to_the_earlier_word_in_the_text()
    {
        var match = SeedRoles.Match("Senior Lead");

        Assert.Equal(new KeywordMatch<RoleTier>(RoleTier.Influencer, "senior"), match);
    }

    [Fact]
    public void Matcher_reports_the_keyword_as_configured_not_normalised()
    {
        var matcher = new KeywordMatcher<RoleTier>([(RoleTier.Senior, ["  Vice-President "])]);

        var match = matcher.Match("vice president, sales");

        Assert.Equal("Vice-President", match?.Keyword);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("&/.")]
    public void Matcher_never_matches_a_keyword_without_words(string keyword)
    {
        var matcher = new KeywordMatcher<RoleTier>([(RoleTier.DecisionMaker, [keyword])]);

        var match = matcher.Match("Anything at all");

        Assert.Null(match);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" - ")]
    public void Matcher_finds_nothing_in_blank_text(string? text)
    {
        var match = SeedRoles.Match(text);

        Assert.Null(match);
    }
}
