using LeadScoring.Scoring.Ai;

namespace LeadScoring.Scoring.Scores;

/// <summary>A lead's total (0–100), its intent band, a one-line reason and the breakdown.</summary>
public sealed record LeadScore(int Score, Intent Intent, string Reasoning, ScoreBreakdown Breakdown);
