using LeadScoring.Scoring.Runs;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// What a run's AI half did and spent: calls, leads judged (and remembered), tokens, fallbacks by reason, the estimated
/// cost at the configured prices, and until when it waits for a spent quota.
/// </summary>
public sealed record RunAiFiguresResponse(
    int Calls,
    int LeadsJudged,
    int LeadsFromCache,
    long PromptTokens,
    long AnswerTokens,
    long ThoughtTokens,
    IReadOnlyDictionary<string, int> FallbacksByReason,
    decimal? EstimatedCostUsd,
    DateTimeOffset? WaitingForQuotaUntil,
    double LeadsPerCall,
    int Fallbacks)
{
    public static RunAiFiguresResponse From(RunAiFigures ai) => new(
        ai.Calls, ai.LeadsJudged, ai.LeadsFromCache, ai.PromptTokens, ai.AnswerTokens, ai.ThoughtTokens, ai.FallbacksByReason,
        ai.EstimatedCostUsd, ai.WaitingForQuotaUntil, ai.LeadsPerCall, ai.Fallbacks);
}
