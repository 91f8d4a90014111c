namespace LeadScoring.Scoring.Ai;

/// <summary>The AI half of a score (0–50), from the model or from the fallback heuristic, and what it cost.</summary>
public sealed record IntentJudgement(
    Intent Intent,
    int Points,
    string Reason,
    IntentSource Source,
    double? Confidence = null,
    FallbackReason? FallbackReason = null)
{
    public AiUsage Usage { get; init; } = AiUsage.None;
}
