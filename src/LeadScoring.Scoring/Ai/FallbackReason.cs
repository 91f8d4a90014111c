using System.Text.Json;

namespace LeadScoring.Scoring.Ai;

/// <summary>Why the AI half came from the rule fallback; its API, CSV and log spelling is snake_case ("ai_quota").</summary>
public enum FallbackReason
{
    AiNotConfigured,
    AiUnavailable,
    AiTimeout,

    /// <summary>The per-minute quota stayed spent for the whole wait.</summary>
    AiQuota,
    AiBlocked,
    AiInvalidResponse,

    /// <summary>The daily quota is spent; no call is made until it resets.</summary>
    AiQuotaDaily,

    /// <summary>Gemini refused the key, the access or the model: a fault of the configuration, not of this lead.</summary>
    AiMisconfigured,
}

public static class FallbackReasonNames
{
    /// <summary>"ai_quota_daily": the one spelling of a reason in results, exports, run figures and logs.</summary>
    public static string ToSnakeCase(this FallbackReason reason) => JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());
}
