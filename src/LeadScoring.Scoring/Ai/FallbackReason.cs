namespace LeadScoring.Scoring.Ai;

/// <summary>Why the AI half came from the rule fallback; serialised snake_case ("ai_quota").</summary>
public enum FallbackReason
{
    AiNotConfigured,
    AiUnavailable,
    AiTimeout,
    AiQuota,
    AiBlocked,
    AiInvalidResponse,
}
