using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// How we reach Gemini (configuration section "Gemini"). The API key may also come from the
/// <c>GEMINI_API_KEY</c> setting; it is never logged (see <see cref="ToString"/>).
/// </summary>
public sealed class GeminiOptions
{
    public const string SectionName = "Gemini";

    /// <summary>The configuration key read when <c>Gemini:ApiKey</c> is blank.</summary>
    public const string ApiKeyConfigurationKey = "GEMINI_API_KEY";

    /// <summary>Base URL; requests go to <c>{Endpoint}v1beta/models/{Model}:generateContent</c>.</summary>
    [Required]
    public Uri Endpoint { get; set; } = new("https://generativelanguage.googleapis.com/");

    /// <summary>The default model, pinned: an alias (<c>gemini-flash-lite-latest</c>) moves to new generations on Google's schedule.</summary>
    public const string DefaultModel = "gemini-3.1-flash-lite";

    // A model name, not a path: it is placed in the URL, so no slashes or query characters.
    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    public string Model { get; set; } = DefaultModel;

    /// <summary>A Key Vault reference in Azure; blank means "no AI" (the rule fallback, no network call).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Bound on one HTTP attempt.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Bound on one call once it has its first requests-per-minute permit: every attempt, retry delay and retry permit.</summary>
    [Range(1, 900)]
    public int TotalTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// How long a call may wait for its first requests-per-minute permit before its leads fall back (ai_quota). Not part
    /// of <see cref="TotalTimeoutSeconds"/>: with many scorings in flight at a small quota, calls queue for minutes.
    /// </summary>
    [Range(1, 3_600)]
    public int MaxQuotaWaitSeconds { get; set; } = 300;

    /// <summary>Retries after the first attempt, for 408/429/5xx, network faults and attempt timeouts.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay (exponential with jitter) when Gemini gives no RetryInfo.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1_000;

    /// <summary>Calls in flight at once from this process.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// Our own quota per process (sliding one-minute window); a burst queues for it instead of
    /// burning requests on 429s. The default sits under the free tier's per-project limit for
    /// Flash-Lite models; raise it to the project's tier.
    /// </summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 10;

    /// <summary>Leads judged in one call (same offer only); 1 is one call per lead.</summary>
    [Range(1, 100)]
    public int LeadsPerCall { get; set; } = 20;

    /// <summary>How long the first lead of a call waits for others to join it; a full call goes at once.</summary>
    [Range(0, 5_000)]
    public int BatchWindowMilliseconds { get; set; } = 50;

    /// <summary>What a lead gets while the daily quota is spent: the rule fallback now, or a wait for the quota.</summary>
    public QuotaSpentBehaviour WhenQuotaSpent { get; set; } = QuotaSpentBehaviour.Fallback;

    /// <summary>
    /// After a configuration fault (bad key, no access, unknown model) or a spent daily quota, no call is made for this
    /// long; then one call probes whether the fault is gone. A daily quota is also probed when it resets (midnight Pacific).
    /// </summary>
    [Range(1, 86_400)]
    public int BreakerProbeSeconds { get; set; } = 1_800;

    /// <summary>Remember judgements by content (offer, lead fields, model, prompt), so rescoring the same people costs no call.</summary>
    public bool CacheJudgements { get; set; } = true;

    /// <summary>How long a remembered judgement is used.</summary>
    [Range(1, 3_650)]
    public int CacheDays { get; set; } = 30;

    /// <summary>US dollars per million prompt tokens, for the run's estimated cost (Gemini 3.1 Flash-Lite, paid tier).</summary>
    [Range(0, 1_000)]
    public decimal InputPricePerMillionTokens { get; set; } = 0.25m;

    /// <summary>US dollars per million answer and thinking tokens (both are billed as output).</summary>
    [Range(0, 1_000)]
    public decimal OutputPricePerMillionTokens { get; set; } = 1.50m;

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary><c>Gemini:ApiKey</c> if it holds a key, else <c>GEMINI_API_KEY</c>, else null.</summary>
    public static string? ResolveApiKey(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return UsableKey(configuration[$"{SectionName}:{nameof(ApiKey)}"]) ?? UsableKey(configuration[ApiKeyConfigurationKey]);
    }

    /// <summary>
    /// The trimmed key, or null when there is none. An app setting whose Key Vault reference did not resolve (no
    /// secret yet, or no access) keeps the reference text: that is no key, and sending it to Gemini would only fail.
    /// </summary>
    public static string? UsableKey(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase)
            ? null
            : value.Trim();

    // Options objects end up in logs and debugger views; the key must not.
    public override string ToString() =>
        $"Gemini {Model} at {Endpoint} (key {(HasApiKey ? "set" : "not set")}, {RequestsPerMinute} rpm, " +
        $"{MaxConcurrency} concurrent, {TimeoutSeconds}s per attempt, {TotalTimeoutSeconds}s total, up to {MaxQuotaWaitSeconds}s for quota, {MaxRetries} retries, " +
        $"{LeadsPerCall} leads per call, {WhenQuotaSpent.ToString().ToLowerInvariant()} when the quota is spent)";
}

/// <summary>What happens to a lead while the daily quota is spent (<c>Gemini:WhenQuotaSpent</c>).</summary>
public enum QuotaSpentBehaviour
{
    /// <summary>Score it now with the rule fallback (reason <c>ai_quota_daily</c>).</summary>
    Fallback,

    /// <summary>Put its message back until the quota resets; the AI scores it then.</summary>
    Wait,
}
