using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Scores;

/// <summary>Scores one lead against one offer: rules, then the AI layer, then the composition.</summary>
public sealed class LeadScorer(RuleScorer rules, IntentClassifier classifier)
{
    /// <summary>Whether scoring a lead may call the AI (and spend quota); without a key it never does.</summary>
    public bool CallsAi => classifier.IsEnabled;

    public async Task<LeadScore> ScoreAsync(Lead lead, Offer offer, CancellationToken cancellationToken)
    {
        var ruleScore = rules.Score(lead, offer);
        var judgement = await classifier.ClassifyAsync(offer, lead, ruleScore, cancellationToken);
        return ScoreComposer.Compose(ruleScore, judgement);
    }
}
