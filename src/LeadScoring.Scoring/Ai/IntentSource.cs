using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Ai;

/// <summary>Who decided the AI half of a score: the model, or the rule fallback.</summary>
public enum IntentSource
{
    [JsonStringEnumMemberName("ai")]
    Ai,

    [JsonStringEnumMemberName("fallback")]
    Fallback,
}
