using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// Answer of <c>GET /offer/{id}/evaluation</c>: the offer's scores against its outcomes. The ranking metrics are null
/// until there are enough labelled leads (<see cref="Enough"/>; <see cref="Needed"/> says what is missing):
/// <see cref="Score"/> for the score, <see cref="Rules"/> for the rules' half alone, <see cref="Ai"/> for the AI's half
/// alone over the <see cref="JudgedByAi"/> leads the model judged.
/// </summary>
public sealed record OfferEvaluationResponse(
    string OfferId,
    int Labelled,
    int Converted,
    int Open,
    int Unscored,
    double? BaseRate,
    bool Enough,
    string? Needed,
    IReadOnlyList<ConversionBandResponse> ByIntent,
    IReadOnlyList<ConversionBandResponse> ByScoreDecile,
    RankingMetricsResponse? Score,
    RankingMetricsResponse? Rules,
    RankingMetricsResponse? Ai,
    int JudgedByAi)
{
    public static OfferEvaluationResponse From(OfferEvaluation evaluation) => new(
        evaluation.OfferId, evaluation.Labelled, evaluation.Converted, evaluation.Open, evaluation.Unscored, evaluation.BaseRate,
        evaluation.Enough, evaluation.Needed,
        [.. evaluation.ByIntent.Select(ConversionBandResponse.From)],
        [.. evaluation.ByScoreDecile.Select(ConversionBandResponse.From)],
        RankingMetricsResponse.From(evaluation.Score), RankingMetricsResponse.From(evaluation.Rules), RankingMetricsResponse.From(evaluation.Ai),
        evaluation.JudgedByAi);
}
