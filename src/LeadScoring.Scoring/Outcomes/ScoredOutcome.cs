using LeadScoring.Scoring.Ai;

namespace LeadScoring.Scoring.Outcomes;

/// <summary>
/// A scored lead whose outcome is known: its score and the two halves of it (the rules' 0–50, the AI's 0–50 and
/// whether the model or the fallback gave it), its intent, and whether it converted.
/// </summary>
public sealed record ScoredOutcome(int Score, int RulePoints, int AiPoints, IntentSource AiSource, Intent Intent, bool Converted);
