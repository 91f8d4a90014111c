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

    // A model name, not a path: it is placed in the URL, so no slashes or query characters.
    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    public string Model { get; set; } = "gemini-flash-lite-latest";

    /// <summary>A Key Vault reference in Azure; blank means "no AI" (the rule fallback, no network call).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Bound on one HTTP attempt.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Bound on one classification: waiting for quota, every attempt and every retry delay.</summary>
    [Range(1, 900)]
    public int TotalTimeoutSeconds { get; set; } = 60;

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
        $"{MaxConcurrency} concurrent, {TimeoutSeconds}s per attempt, {TotalTimeoutSeconds}s total, {MaxRetries} retries)";
}
