namespace LeadScoring.Scoring.Outcomes;

/// <summary>
/// A scored lead whose outcome is known: its score and the two halves of it (the rules' 0–50, the AI's 0–50 and
/// whether the model gave it, rather than the fallback), and whether it converted. Its intent band follows from the
/// score (High 80–100, Medium 50–79, Low 0–49).
/// </summary>
public sealed record ScoredOutcome(int Score, int RulePoints, int AiPoints, bool JudgedByAi, bool Converted);
