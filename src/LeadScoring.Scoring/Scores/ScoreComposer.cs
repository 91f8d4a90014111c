using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Scores;

/// <summary>Total = rules + AI, clamped to 0–100; High 80–100, Medium 50–79, Low 0–49.</summary>
public static class ScoreComposer
{
    public static LeadScore Compose(RuleScore rules, IntentJudgement ai) => throw new NotImplementedException($"{rules} {ai}");
}
