namespace LeadScoring.Scoring.Ai;

/// <summary>
/// With <c>Gemini:WhenQuotaSpent = wait</c>, a lead is not judged while the daily quota is spent: its caller puts the
/// work back until <see cref="RetryAt"/> instead of falling back.
/// </summary>
public sealed class AiQuotaWaitException(DateTimeOffset retryAt)
    : Exception($"Gemini's daily quota is spent; retry at {retryAt:u}.")
{
    public DateTimeOffset RetryAt { get; } = retryAt;
}
