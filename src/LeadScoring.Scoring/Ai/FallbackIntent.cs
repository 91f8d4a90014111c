using LeadScoring.Scoring.Rules;
using LeadScoring.Scoring.Scores;

namespace LeadScoring.Scoring.Ai;

/// <summary>The seed's heuristic (45/25/15/5) used when the model cannot answer.</summary>
/// <remarks>
/// TEMPORARY, branch `ai` only: a minimal version so the classifier's fallback paths can be tested.
/// The rules engineer owns this file; at merge take their version.
/// </remarks>
public static class FallbackIntent
{
    public static IntentJudgement Judge(RuleScore rules, FallbackReason reason)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var (intent, points) = (rules.RoleTier, rules.IndustryTier) switch
        {
            (RoleTier.DecisionMaker, IndustryTier.Target) => (Intent.High, 45),
            (RoleTier.DecisionMaker, _) or (RoleTier.Senior, IndustryTier.Target) => (Intent.Medium, 25),
            (RoleTier.Influencer, _) or (_, IndustryTier.Adjacent) => (Intent.Medium, 15),
            _ => (Intent.Low, 5),
        };
        return new IntentJudgement(intent, points, $"{intent} intent from role and industry (rule fallback).", IntentSource.Fallback, null, reason);
    }
}
