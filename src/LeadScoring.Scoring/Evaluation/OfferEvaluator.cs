using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Scoring.Evaluation;

/// <summary>Measures an offer's scores against its outcomes (<see cref="Evaluator"/>).</summary>
public sealed class OfferEvaluator(OfferHistory history)
{
    public async Task<OfferEvaluation> EvaluateAsync(string offerId, CancellationToken cancellationToken)
    {
        var snapshot = await history.LoadAsync(offerId, cancellationToken);
        var labelled = snapshot.Leads.Select(lead =>
        {
            var (score, breakdown) = (lead.Result.Scored.Score, lead.Result.Scored.Score.Breakdown);
            return new ScoredOutcome(
                score.Score,
                breakdown.RolePoints + breakdown.IndustryPoints + breakdown.CompletenessPoints,
                breakdown.AiPoints,
                breakdown.AiSource == IntentSource.Ai,
                lead.Converted);
        }).ToList();
        return Evaluator.Evaluate(offerId, labelled, snapshot.Open, snapshot.Unscored);
    }
}
