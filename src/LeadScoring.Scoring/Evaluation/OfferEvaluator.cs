using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Outcomes;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Scoring.Evaluation;

/// <summary>
/// Joins an offer's results with its recorded outcomes, by person, and measures the scores against them
/// (<see cref="Evaluator"/>): one scan of the offer's outcomes and one of its results, whatever their number.
/// </summary>
public sealed class OfferEvaluator(OutcomeTable outcomes, ResultTable results)
{
    public async Task<OfferEvaluation> EvaluateAsync(string offerId, CancellationToken cancellationToken)
    {
        var recorded = await outcomes.ListAsync(offerId, cancellationToken);
        var labelled = new List<ScoredOutcome>();
        var scored = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var result in results.QueryAsync(offerId, ResultFilter.All, cancellationToken))
        {
            var personId = ResultTable.PersonOf(result.Scored.Lead);
            if (!recorded.TryGetValue(personId, out var outcome) || !scored.Add(personId)) continue;
            if (outcome.Reading.Kind == OutcomeKind.Open) continue;
            var (score, breakdown) = (result.Scored.Score, result.Scored.Score.Breakdown);
            labelled.Add(new ScoredOutcome(
                score.Score,
                breakdown.RolePoints + breakdown.IndustryPoints + breakdown.CompletenessPoints,
                breakdown.AiPoints,
                breakdown.AiSource == IntentSource.Ai,
                outcome.Reading.Kind == OutcomeKind.Positive));
        }

        var open = recorded.Values.Count(outcome => outcome.Reading.Kind == OutcomeKind.Open);
        var unscored = recorded.Values.Count(outcome => outcome.Reading.Kind != OutcomeKind.Open && !scored.Contains(outcome.PersonId));
        return Evaluator.Evaluate(offerId, labelled, open, unscored);
    }
}
