using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Ai;

/// <summary>Why the AI half came from the rule fallback; <see cref="WireNames"/> gives its API, CSV and log spelling.</summary>
public enum FallbackReason
{
    [JsonStringEnumMemberName("ai_not_configured")]
    AiNotConfigured,

    [JsonStringEnumMemberName("ai_unavailable")]
    AiUnavailable,

    [JsonStringEnumMemberName("ai_timeout")]
    AiTimeout,

    /// <summary>The per-minute quota stayed spent for the whole wait.</summary>
    [JsonStringEnumMemberName("ai_quota")]
    AiQuota,

    [JsonStringEnumMemberName("ai_blocked")]
    AiBlocked,

    [JsonStringEnumMemberName("ai_invalid_response")]
    AiInvalidResponse,

    /// <summary>The daily quota is spent; no call is made until it resets.</summary>
    [JsonStringEnumMemberName("ai_quota_daily")]
    AiQuotaDaily,

    /// <summary>Gemini refused the key, the access or the model: a fault of the configuration, not of this lead.</summary>
    [JsonStringEnumMemberName("ai_misconfigured")]
    AiMisconfigured,
}
