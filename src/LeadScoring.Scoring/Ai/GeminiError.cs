using System.Globalization;
using System.Net;
using System.Text.Json;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// What we use from a Gemini error body: <c>{"error": {"code", "status", "details": [...]}}</c>, the google.rpc.Status
/// shape the API errors page documents. Details read: <c>google.rpc.RetryInfo</c> (<c>"retryDelay": "13s"</c>; a 429
/// names its wait there, not in a Retry-After header), <c>google.rpc.QuotaFailure</c> (<c>violations[].quotaId</c>, which
/// quota was hit: <c>GenerateRequestsPerDayPerProjectPerModel-FreeTier</c>, ...) and <c>google.rpc.ErrorInfo</c>
/// (<c>reason</c>, e.g. <c>API_KEY_INVALID</c>). The human-readable <c>message</c> is deliberately not kept: it is free
/// text we don't control.
/// </summary>
internal sealed record GeminiError(string? Status, TimeSpan? RetryDelay, string? Reason = null, IReadOnlyList<string>? QuotaIds = null)
{
    private const string TypePrefix = "type.googleapis.com/google.rpc.";

    // Longer than any quota window worth waiting for inside one classification.
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private static readonly GeminiError None = new(null, null);

    /// <summary>A daily quota is spent: a QuotaFailure names a per-day quota. Waiting seconds will not bring it back.</summary>
    public bool IsDailyQuota => QuotaIds?.Any(id => id.Contains("PerDay", StringComparison.OrdinalIgnoreCase)) == true;

    public static GeminiError Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return None;
            }

            TimeSpan? retryDelay = null;
            string? reason = null;
            var quotaIds = new List<string>();
            foreach (var detail in Details(error))
            {
                switch (TypeOf(detail))
                {
                    case "RetryInfo":
                        retryDelay ??= ParseDuration(StringOf(detail, "retryDelay"));
                        break;
                    case "ErrorInfo":
                        reason ??= StringOf(detail, "reason");
                        break;
                    case "QuotaFailure" when detail.TryGetProperty("violations", out var violations) && violations.ValueKind == JsonValueKind.Array:
                        quotaIds.AddRange(violations.EnumerateArray().Select(v => StringOf(v, "quotaId")).OfType<string>());
                        break;
                }
            }

            return new GeminiError(StringOf(error, "status"), retryDelay, reason, quotaIds);
        }
        catch (JsonException)
        {
            // A proxy's HTML error page or a truncated body: the status code alone decides.
            return None;
        }
    }

    public static async Task<GeminiError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        // Buffered, so whoever reads the body next (the retry predicate, then the client) sees it whole.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Protobuf Duration in JSON: decimal seconds with an "s" suffix ("13s", "0.5s").</summary>
    public static TimeSpan? ParseDuration(string? value)
    {
        if (value is null || !value.EndsWith('s')
            || !decimal.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        return seconds > (decimal)MaxRetryDelay.TotalSeconds ? MaxRetryDelay : TimeSpan.FromSeconds((double)seconds);
    }

    /// <summary>
    /// A fault of the configuration rather than of one call: every later call would fail the same way, so the breaker
    /// opens instead of spending one failing call per lead. 400 (a key Gemini rejects, or a request this model refuses),
    /// 401/403 (no access), 404 (a retired or misspelt model).
    /// </summary>
    public static bool IsConfigurationFault(HttpStatusCode status) =>
        status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    private static IEnumerable<JsonElement> Details(JsonElement error) =>
        error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
            ? details.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object)
            : [];

    private static string? TypeOf(JsonElement detail) =>
        StringOf(detail, "@type") is { } type && type.StartsWith(TypePrefix, StringComparison.Ordinal) ? type[TypePrefix.Length..] : null;

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
