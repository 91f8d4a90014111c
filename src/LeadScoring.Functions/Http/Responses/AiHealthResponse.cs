using LeadScoring.Scoring.Ai;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// <c>ok</c>, <c>not_configured</c> (no key: every lead uses the rule fallback), <c>quota_spent</c> (until the reset or
/// the next probe) or <c>misconfigured</c> (Gemini refused the key, the access or the model); never the key itself.
/// </summary>
public sealed record AiHealthResponse(string Status, string Model, string? Detail = null, DateTimeOffset? Since = null, DateTimeOffset? NextProbeAt = null, DateTimeOffset? QuotaResetsAt = null)
{
    public static AiHealthResponse Of(IntentClassifier classifier, AiBreaker breaker, GeminiOptions options)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(breaker);
        ArgumentNullException.ThrowIfNull(options);
        if (!classifier.IsEnabled) return new AiHealthResponse("not_configured", options.Model, "No Gemini API key is configured; every lead uses the rule fallback.");
        return breaker.Current switch
        {
            null => new AiHealthResponse("ok", options.Model),
            { Kind: AiOutageKind.QuotaSpent } outage => new AiHealthResponse("quota_spent", options.Model, outage.Detail, outage.Since, outage.ProbeAt, outage.QuotaResetsAt),
            var outage => new AiHealthResponse("misconfigured", options.Model, outage.Detail, outage.Since, outage.ProbeAt),
        };
    }
}
