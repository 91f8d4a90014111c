using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Rules;
using LeadScoring.Scoring.Scores;

namespace LeadScoring.Scoring.Tests.Scores;

public sealed class ScoreComposerTests
{
    [Theory]
    [InlineData(0, 0, 0, Intent.Low)]
    [InlineData(44, 5, 49, Intent.Low)]
    [InlineData(35, 15, 50, Intent.Medium)]
    [InlineData(50, 29, 79, Intent.Medium)]
    [InlineData(35, 45, 80, Intent.High)]
    [InlineData(50, 50, 100, Intent.High)]
    public void Compose_adds_the_halves_and_bands_the_total(int rulePoints, int aiPoints, int score, Intent intent)
    {
        var rules = Rules(rulePoints);

        var composed = ScoreComposer.Compose(rules, Ai(aiPoints));

        Assert.Equal((score, intent), (composed.Score, composed.Intent));
    }

    [Theory]
    [InlineData(80, 50, 70)]
    [InlineData(-10, 0, 20)]
    public void Compose_clamps_ai_points_to_0_through_50(int aiPoints, int countedAiPoints, int score)
    {
        var rules = Rules(20);

        var composed = ScoreComposer.Compose(rules, Ai(aiPoints));

        Assert.Equal((score, countedAiPoints), (composed.Score, composed.Breakdown.AiPoints));
    }

    [Fact]
    public void Compose_clamps_the_total_to_100()
    {
        var rules = Rules(90);

        var composed = ScoreComposer.Compose(rules, Ai(50));

        Assert.Equal(100, composed.Score);
    }

    [Fact]
    public void Compose_takes_the_reasoning_from_the_ai_half()
    {
        var ai = new IntentJudgement(Intent.High, 48, "CEO of a SaaS company with a clear need.", IntentSource.Ai, 0.6);

        var composed = ScoreComposer.Compose(Rules(40), ai);

        Assert.Equal("CEO of a SaaS company with a clear need.", composed.Reasoning);
    }

    [Fact]
    public void Compose_fills_the_breakdown_from_both_halves()
    {
        var rules = new RuleScore(RoleTier.Senior, 15, "vp", IndustryTier.Adjacent, 12, "fintech", 8, ["linkedin_bio"]);
        var ai = FallbackIntent.Judge(rules, FallbackReason.AiQuota);

        var composed = ScoreComposer.Compose(rules, ai);

        var expected = new ScoreBreakdown(15, "vp", 12, "fintech", 8, rules.MissingFields, 15, Intent.Medium, null,
            IntentSource.Fallback, FallbackReason.AiQuota);
        Assert.Equal(expected, composed.Breakdown);
        Assert.Equal(50, composed.Score);
    }

    [Theory]
    [InlineData(-1, Intent.Low)]
    [InlineData(49, Intent.Low)]
    [InlineData(50, Intent.Medium)]
    [InlineData(79, Intent.Medium)]
    [InlineData(80, Intent.High)]
    [InlineData(100, Intent.High)]
    public void IntentOf_bands_high_from_80_and_medium_from_50(int score, Intent intent)
    {
        var band = ScoreComposer.IntentOf(score);

        Assert.Equal(intent, band);
    }

    private static RuleScore Rules(int rolePoints) =>
        new(RoleTier.None, rolePoints, null, IndustryTier.None, 0, null, 0, []);

    private static IntentJudgement Ai(int points) => new(Intent.Medium, points, "reason", IntentSource.Ai, 0.5);
}
