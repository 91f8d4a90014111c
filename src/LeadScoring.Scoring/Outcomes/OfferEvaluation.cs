namespace LeadScoring.Scoring.Outcomes;

/// <summary>
/// An offer's scores against its outcomes. <see cref="Labelled"/> leads have a score and a positive or negative
/// outcome; open outcomes and outcomes of people not scored for the offer are counted apart. The ranking metrics are
/// null until there are enough labelled leads (<see cref="Enough"/>; <see cref="Needed"/> says what is missing):
/// <see cref="Score"/> for the score, <see cref="Rules"/> for the rules' half alone, <see cref="Ai"/> for the AI's
/// half alone over the leads the model judged.
/// </summary>
public sealed record OfferEvaluation(
    string OfferId,
    int Labelled,
    int Converted,
    int Open,
    int Unscored,
    double? BaseRate,
    bool Enough,
    string? Needed,
    IReadOnlyList<ConversionBand> ByIntent,
    IReadOnlyList<ConversionBand> ByScoreDecile,
    RankingMetrics? Score,
    RankingMetrics? Rules,
    RankingMetrics? Ai)
{
    /// <summary>Leads the model judged among the labelled (the AI half's metrics are over these).</summary>
    public int JudgedByAi { get; init; }
}
