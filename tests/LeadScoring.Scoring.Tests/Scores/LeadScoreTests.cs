using LeadScoring.Scoring.Ai;

namespace LeadScoring.Scoring.Tests.Scores;

public sealed class LeadScoreTests
{
    [Fact]
    public void Intent_orders_low_medium_high()
    {
        Assert.True(Intent.High > Intent.Medium && Intent.Medium > Intent.Low);
    }
}
