using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Tests.Ai;

public sealed class FallbackIntentTests
{
    // Every role tier against every industry tier.
    [Theory]
    [InlineData(RoleTier.DecisionMaker, IndustryTier.Target, Intent.High, 45)]
    [InlineData(RoleTier.DecisionMaker, IndustryTier.Adjacent, Intent.Medium, 25)]
    [InlineData(RoleTier.DecisionMaker, IndustryTier.Neutral, Intent.Medium, 25)]
    [InlineData(RoleTier.DecisionMaker, IndustryTier.None, Intent.Medium, 25)]
    [InlineData(RoleTier.Senior, IndustryTier.Target, Intent.Medium, 25)]
    [InlineData(RoleTier.Senior, IndustryTier.Adjacent, Intent.Medium, 15)]
    [InlineData(RoleTier.Senior, IndustryTier.Neutral, Intent.Low, 5)]
    [InlineData(RoleTier.Senior, IndustryTier.None, Intent.Low, 5)]
    [InlineData(RoleTier.Influencer, IndustryTier.Target, Intent.Medium, 15)]
    [InlineData(RoleTier.Influencer, IndustryTier.Adjacent, Intent.Medium, 15)]
    [InlineData(RoleTier.Influencer, IndustryTier.Neutral, Intent.Medium, 15)]
    [InlineData(RoleTier.Influencer, IndustryTier.None, Intent.Medium, 15)]
    [InlineData(RoleTier.None, IndustryTier.Target, Intent.Low, 5)]
    [InlineData(RoleTier.None, IndustryTier.Adjacent, Intent.Medium, 15)]
    [InlineData(RoleTier.None, IndustryTier.Neutral, Intent.Low, 5)]
    [InlineData(RoleTier.None, IndustryTier.None, Intent.Low, 5)]
    public void Judge_applies_the_seed_heuristic(RoleTier role, IndustryTier industry, Intent intent, int points)
    {
        var rules = Rules(role, industry);

        var judgement = FallbackIntent.Judge(rules, FallbackReason.AiUnavailable);

        Assert.Equal((intent, points), (judgement.Intent, judgement.Points));
    }

    [Theory]
    [InlineData(FallbackReason.AiNotConfigured)]
    [InlineData(FallbackReason.AiQuota)]
    [InlineData(FallbackReason.AiInvalidResponse)]
    public void Judge_records_the_fallback_and_why(FallbackReason reason)
    {
        var rules = Rules(RoleTier.Senior, IndustryTier.Target);

        var judgement = FallbackIntent.Judge(rules, reason);

        Assert.Equal((IntentSource.Fallback, reason, (double?)null), (judgement.Source, judgement.FallbackReason, judgement.Confidence));
    }

    [Fact]
    public void Judge_explains_itself_in_one_line_from_the_matched_keywords()
    {
        var rules = Rules(RoleTier.DecisionMaker, IndustryTier.Target);

        var judgement = FallbackIntent.Judge(rules, FallbackReason.AiUnavailable);

        Assert.Equal("Rule fallback (AI unavailable): decision maker (ceo) in a target industry (saas).", judgement.Reason);
    }

    [Theory]
    [InlineData("SVP Engineering", "Rule fallback (AI unavailable): senior role in engineering (svp read as vp) in a neutral industry (Hospital & Health Care read as healthcare).")]
    [InlineData("CEO", "Rule fallback (AI unavailable): decision maker in the executive office (ceo) in a neutral industry (Hospital & Health Care read as healthcare).")]
    [InlineData("Executive Assistant to the CEO", "Rule fallback (AI unavailable): an assistant in the executive office (executive assistant read as assistant) in a neutral industry (Hospital & Health Care read as healthcare).")]
    [InlineData("Werkstudentin Marketing", "Rule fallback (AI unavailable): an intern in marketing (werkstudentin read as intern) in a neutral industry (Hospital & Health Care read as healthcare).")]
    public void Judge_says_how_the_title_and_the_industry_were_read(string title, string reason)
    {
        var rules = Tests.Rules.RuleSamples.Scorer().Score(Tests.Rules.RuleSamples.Lead(role: title, industry: "Hospital & Health Care"), Tests.Rules.RuleSamples.Offer());

        var judgement = FallbackIntent.Judge(rules, FallbackReason.AiUnavailable);

        Assert.Equal(reason, judgement.Reason);
    }

    [Fact]
    public void Judge_explains_a_lead_that_matched_nothing()
    {
        var rules = Rules(RoleTier.None, IndustryTier.None);

        var judgement = FallbackIntent.Judge(rules, FallbackReason.AiNotConfigured);

        Assert.Equal("Rule fallback (AI not configured): no recognised role in an unmatched industry.", judgement.Reason);
    }

    [Fact]
    public void Judge_names_each_fallback_reason_differently()
    {
        var rules = Rules(RoleTier.None, IndustryTier.None);

        var reasons = Enum.GetValues<FallbackReason>().Select(reason => FallbackIntent.Judge(rules, reason).Reason).ToList();

        Assert.Equal(reasons.Count, reasons.Distinct().Count());
        Assert.DoesNotContain(reasons, reason => reason.Contains("AI not used", StringComparison.Ordinal));
    }

    private static RuleScore Rules(RoleTier role, IndustryTier industry) =>
        new(role, 0, role == RoleTier.None ? null : "ceo", industry, 0, industry == IndustryTier.None ? null : "saas", 10, []);
}
