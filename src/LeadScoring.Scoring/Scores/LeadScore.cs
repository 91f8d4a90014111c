using LeadScoring.Scoring.Ai;

namespace LeadScoring.Scoring.Scores;

/// <summary>A lead's total (0–100), its intent band, a one-line reason and the breakdown.</summary>
public sealed record LeadScore(int Score, Intent Intent, string Reasoning, ScoreBreakdown Breakdown)
{
    /// <summary>What the AI half spent on this lead; counted into its run, not stored with the result.</summary>
    public AiUsage AiUsage { get; init; } = AiUsage.None;
}
