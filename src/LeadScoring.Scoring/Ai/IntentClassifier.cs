using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Ai;

/// <summary>The AI half of a score (0–50): asks the model, falls back to <see cref="FallbackIntent"/> and says why.</summary>
public sealed class IntentClassifier
{
    public Task<IntentJudgement> ClassifyAsync(Offer offer, Lead lead, RuleScore rules, CancellationToken cancellationToken) =>
        Task.FromResult(FallbackIntent.Judge(rules, FallbackReason.AiNotConfigured));
}
