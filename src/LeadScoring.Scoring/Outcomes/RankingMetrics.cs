namespace LeadScoring.Scoring.Outcomes;

/// <summary>How well one score ranks converted leads first (see <see cref="Ranking"/>); each area with its 95% interval.</summary>
public sealed record RankingMetrics(
    double RocAuc,
    double RocAucLow,
    double RocAucHigh,
    double PrAuc,
    double PrAucLow,
    double PrAucHigh,
    double LiftTop10,
    double LiftTop20);
