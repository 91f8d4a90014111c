using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Scoring.Tests.Outcomes;

/// <summary>The evaluation's numbers against small cases worked out by hand.</summary>
public sealed class RankingTests
{
    // Converted at scores 5, 4 and 2; not at 3 and 1. Of the six converted/not pairs, five are in order.
    private static readonly (double, bool)[] Five = [(5, true), (4, true), (3, false), (2, true), (1, false)];

    [Fact]
    public void Roc_auc_pr_auc_and_lift_are_the_hand_worked_values_with_their_intervals()
    {
        var metrics = Ranking.Measure(Five);

        Assert.Equal(5.0 / 6, metrics.RocAuc, 10);
        // DeLong: placements 1, 1, 0.5 (converted) and 2/3, 1 (not): variance 0.0833/3 + 0.0556/2 = 0.0556.
        Assert.Equal(5.0 / 6 - 1.959964 * Math.Sqrt(1.0 / 18), metrics.RocAucLow, 5);
        Assert.Equal(1.0, metrics.RocAucHigh, 10);
        // Precision at each converted lead, best first: 1/1, 2/2, 3/4.
        Assert.Equal((1 + 1 + 0.75) / 3, metrics.PrAuc, 10);
        Assert.Equal(0.1550, metrics.PrAucLow, 3);
        Assert.Equal(0.9985, metrics.PrAucHigh, 3);
        // The top 10% and 20% of five leads are the best one, converted: 1 / 0.6.
        Assert.Equal((1 / 0.6, 1 / 0.6), (metrics.LiftTop10, metrics.LiftTop20), new ToleranceComparer(1e-10));
    }

    [Fact]
    public void Two_scores_of_the_same_leads_are_compared_with_delongs_paired_interval()
    {
        // The same five leads scored in the opposite order: AUC 1/6 against Five's 5/6.
        (double, bool)[] reversed = [(1, true), (2, true), (3, false), (4, true), (5, false)];

        var (difference, low, high) = Ranking.CompareRocAuc(Five, reversed);

        Assert.Equal(2.0 / 3, difference, 10);
        // Converted placements (1, 1, 0.5) and (0, 0, 0.5): variances 1/12 each, covariance -1/12, so (4/12)/3 = 1/9;
        // not converted (2/3, 1) and (1/3, 0): 1/18 each, covariance -1/18, so (4/18)/2 = 1/9. The variance is 2/9.
        Assert.Equal(2.0 / 3 - 1.959964 * Math.Sqrt(2.0 / 9), low, 5);
        Assert.Equal(2.0 / 3 + 1.959964 * Math.Sqrt(2.0 / 9), high, 5);
        Assert.Equal((0.0, 0.0, 0.0), Ranking.CompareRocAuc(Five, Five));
        Assert.Throws<ArgumentException>(() => Ranking.CompareRocAuc(Five, [.. Five.Take(4)]));
    }

    [Fact]
    public void Ties_count_half_in_the_roc_and_pro_rata_at_the_lift_cut()
    {
        // Every lead has the same score: the ranking says nothing.
        var flat = Ranking.Measure([(1, true), (1, false), (1, true), (1, false)]);

        Assert.Equal(0.5, flat.RocAuc, 10);
        Assert.Equal(0.5, flat.PrAuc, 10);
        Assert.Equal(1.0, flat.LiftTop20, 10); // one lead of a tie of four, half of them converted: the base rate
    }

    [Fact]
    public void A_perfect_ranking_is_one_and_a_reversed_one_zero()
    {
        Assert.Equal(1.0, Ranking.Measure([(2, true), (1, false)]).RocAuc, 10);
        Assert.Equal(0.0, Ranking.Measure([(1, true), (2, false)]).RocAuc, 10);
    }

    [Fact]
    public void Too_few_outcomes_are_said_plainly_with_no_ranking_numbers()
    {
        var labelled = Enumerable.Range(0, 30).Select(i => new ScoredOutcome(i, i / 2, i / 2, JudgedByAi: false, i % 3 == 0)).ToList();

        var evaluation = Evaluator.Evaluate("offer-1", labelled, open: 4, unscored: 2);

        Assert.False(evaluation.Enough);
        Assert.Equal("30 scored leads have a known outcome (10 converted, 20 not); a fair measure needs at least 40, with 10 of each.", evaluation.Needed);
        Assert.Null(evaluation.Score);
        Assert.Null(evaluation.Rules);
        Assert.Equal((30, 10, 4, 2), (evaluation.Labelled, evaluation.Converted, evaluation.Open, evaluation.Unscored));
        Assert.Equal(10, evaluation.ByScoreDecile.Count);
    }

    [Fact]
    public void Conversion_is_given_per_intent_and_decile_and_each_half_is_measured_apart()
    {
        // The rules rank perfectly, the AI backwards, the score in between.
        var labelled = Enumerable.Range(0, 100).Select(i =>
        {
            var converted = i >= 70;
            var score = i;
            return new ScoredOutcome(score, RulePoints: i / 2, AiPoints: 50 - i / 2, JudgedByAi: true, converted);
        }).ToList();

        var evaluation = Evaluator.Evaluate("offer-1", labelled, open: 0, unscored: 0);

        Assert.True(evaluation.Enough);
        Assert.Equal(0.3, evaluation.BaseRate!.Value, 10);
        Assert.Equal([("High", 20, 20), ("Medium", 30, 10), ("Low", 50, 0)], evaluation.ByIntent.Select(band => (band.Band, band.Leads, band.Converted)));
        Assert.Equal([10, 10, 10, 0, 0, 0, 0, 0, 0, 0], evaluation.ByScoreDecile.Select(band => band.Converted));
        Assert.Equal(1.0, evaluation.Score!.RocAuc, 10);
        Assert.True(evaluation.Rules!.RocAuc > 0.99);
        Assert.True(evaluation.Ai!.RocAuc < 0.01);
        Assert.Equal(1 / 0.3, evaluation.Score.LiftTop20, 10);
        Assert.Equal(100, evaluation.JudgedByAi);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < tolerance && Math.Abs(x.Item2 - y.Item2) < tolerance;

        public int GetHashCode((double, double) obj) => 0;
    }
}
