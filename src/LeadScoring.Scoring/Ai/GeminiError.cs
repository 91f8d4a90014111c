using System.Globalization;
using System.Text.Json;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// What we use from a Gemini error body: <c>{"error": {"code", "status", "details": [...]}}</c>, the
/// google.rpc.Status shape the API errors page documents. A 429 names its wait in a
/// <c>google.rpc.RetryInfo</c> detail (<c>"retryDelay": "13s"</c>), not in a Retry-After header.
/// The human-readable <c>message</c> is deliberately not kept: it is free text we don't control.
/// </summary>
internal sealed record GeminiError(string? Status, TimeSpan? RetryDelay)
{
    private const string RetryInfoType = "type.googleapis.com/google.rpc.RetryInfo";

    // Longer than any quota window worth waiting for inside one classification.
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    public static GeminiError Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return new GeminiError(null, null);
            }

            var status = error.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return new GeminiError(status, FindRetryDelay(error));
        }
        catch (JsonException)
        {
            // A proxy's HTML error page or a truncated body: the status code alone decides.
            return new GeminiError(null, null);
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

    private static TimeSpan? FindRetryDelay(JsonElement error)
    {
        if (!error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind == JsonValueKind.Object
                && detail.TryGetProperty("@type", out var type) && type.ValueEquals(RetryInfoType)
                && detail.TryGetProperty("retryDelay", out var delay) && delay.ValueKind == JsonValueKind.String)
            {
                return ParseDuration(delay.GetString());
            }
        }

        return null;
    }
}
