using System.Diagnostics.CodeAnalysis;
using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>How well one score ranks converted leads first: ROC-AUC and PR-AUC with their 95% intervals, and the lift of the top 10% and 20%.</summary>
public sealed record RankingMetricsResponse(
    double RocAuc,
    double RocAucLow,
    double RocAucHigh,
    double PrAuc,
    double PrAucLow,
    double PrAucHigh,
    double LiftTop10,
    double LiftTop20)
{
    /// <summary>Null while there is nothing to measure.</summary>
    [return: NotNullIfNotNull(nameof(metrics))]
    public static RankingMetricsResponse? From(RankingMetrics? metrics) => metrics is null ? null : new(
        metrics.RocAuc, metrics.RocAucLow, metrics.RocAucHigh, metrics.PrAuc, metrics.PrAucLow, metrics.PrAucHigh, metrics.LiftTop10, metrics.LiftTop20);
}
