using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Ai;

/// <summary>The seed's heuristic (45/25/15/5) used when the model cannot answer.</summary>
public static class FallbackIntent
{
    public static IntentJudgement Judge(RuleScore rules, FallbackReason reason) => throw new NotImplementedException($"{rules} {reason}");
}
