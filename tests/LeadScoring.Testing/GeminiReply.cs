using System.Text.Json.Nodes;
using LeadScoring.Scoring.Ai;

namespace LeadScoring.Testing;

/// <summary>
/// One canned answer of <see cref="GeminiStandIn"/>: an HTTP status, a body shaped like Gemini's
/// (generateContent success, google.rpc.Status error) and an optional delay before answering.
/// </summary>
public sealed record GeminiReply(int StatusCode, string Body, TimeSpan Delay = default)
{
    /// <summary>A candidate whose text is the structured answer {intent, confidence, reason}.</summary>
    public static GeminiReply Intent(string intent, double confidence, string reason = "Stand-in reason.") =>
        Text(new JsonObject { ["intent"] = intent, ["confidence"] = confidence, ["reason"] = reason }.ToJsonString());

    /// <summary>A finished (STOP) candidate with this text as its only part, e.g. prose instead of JSON.</summary>
    public static GeminiReply Text(string modelText) => Candidate(new JsonArray(new JsonObject { ["text"] = modelText }), "STOP");

    /// <summary>A candidate withheld by a safety filter: finishReason SAFETY (or OTHER, ...) and no parts.</summary>
    public static GeminiReply CandidateBlocked(string finishReason = "SAFETY") => Candidate(null, finishReason);

    /// <summary>A finished candidate with no parts at all.</summary>
    public static GeminiReply EmptyCandidate() => Candidate(new JsonArray(), "STOP");

    /// <summary>No candidates: the prompt itself was blocked (promptFeedback.blockReason).</summary>
    public static GeminiReply PromptBlocked(string blockReason = "SAFETY") => new(200, new JsonObject
    {
        ["promptFeedback"] = new JsonObject { ["blockReason"] = blockReason },
        ["modelVersion"] = GeminiStandIn.Model,
    }.ToJsonString());

    /// <summary>429 RESOURCE_EXHAUSTED, with a google.rpc.RetryInfo detail when <paramref name="retryDelay"/> is given ("13s").</summary>
    public static GeminiReply Quota(string? retryDelay = "13s")
    {
        var details = new JsonArray(new JsonObject
        {
            ["@type"] = "type.googleapis.com/google.rpc.QuotaFailure",
            ["violations"] = new JsonArray(new JsonObject { ["quotaId"] = "GenerateRequestsPerMinutePerProjectPerModel-FreeTier" }),
        });
        if (retryDelay is not null)
        {
            details.Add(new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.RetryInfo", ["retryDelay"] = retryDelay });
        }

        return Error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota.", details);
    }

    public static GeminiReply Unavailable() => Error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");

    public static GeminiReply InternalError() => Error(500, "INTERNAL", "An internal error has occurred.");

    /// <summary>An error in Gemini's google.rpc.Status shape.</summary>
    public static GeminiReply Error(int statusCode, string status, string message, JsonArray? details = null) => new(statusCode, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = statusCode,
            ["message"] = message,
            ["status"] = status,
            ["details"] = details ?? [],
        },
    }.ToJsonString());

    /// <summary>200 with a body that is not JSON at all (a proxy page, a truncated stream).</summary>
    public static GeminiReply Garbage() => new(200, "<html><body>502 Bad Gateway</body></html>");

    /// <summary>The same reply, sent only after <paramref name="delay"/>.</summary>
    public GeminiReply After(TimeSpan delay) => this with { Delay = delay };

    private static GeminiReply Candidate(JsonArray? parts, string finishReason)
    {
        var content = new JsonObject { ["role"] = "model" };
        if (parts is not null)
        {
            content["parts"] = parts;
        }

        return new(200, new JsonObject
        {
            ["candidates"] = new JsonArray(new JsonObject { ["content"] = content, ["finishReason"] = finishReason, ["index"] = 0 }),
            ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 120, ["candidatesTokenCount"] = 30, ["totalTokenCount"] = 150 },
            ["modelVersion"] = GeminiStandIn.Model,
            ["responseId"] = "stand-in-response",
        }.ToJsonString());
    }
}
