using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Scores;

/// <summary>Total = rules + AI, clamped to 0–100; High 80–100, Medium 50–79, Low 0–49.</summary>
public static class ScoreComposer
{
    private const int MaxAiPoints = 50;
    private const int MaxScore = 100;
    private const int HighFrom = 80;
    private const int MediumFrom = 50;

    public static LeadScore Compose(RuleScore rules, IntentJudgement ai)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(ai);

        // The AI half is bounded by its schema already; clamping again means no judgement, however produced,
        // can be worth more than 50 points, and the breakdown shows the points that were counted.
        var aiPoints = Math.Clamp(ai.Points, 0, MaxAiPoints);
        var score = Math.Clamp(rules.Total + aiPoints, 0, MaxScore);
        var breakdown = new ScoreBreakdown(
            rules.RolePoints,
            rules.RoleKeyword,
            rules.IndustryPoints,
            rules.IndustryKeyword,
            rules.CompletenessPoints,
            rules.MissingFields,
            aiPoints,
            ai.Intent,
            ai.Confidence,
            ai.Source,
            ai.FallbackReason)
        {
            TitleSeniority = rules.TitleSeniority,
            TitleDepartment = rules.TitleDepartment,
            IndustryCategory = rules.IndustryCategory,
        };
        return new LeadScore(score, IntentOf(score), ai.Reason, breakdown) { AiUsage = ai.Usage };
    }

    /// <summary>The intent band of a total: High 80–100, Medium 50–79, Low 0–49.</summary>
    public static Intent IntentOf(int score) => score switch
    {
        >= HighFrom => Intent.High,
        >= MediumFrom => Intent.Medium,
        _ => Intent.Low,
    };
}
