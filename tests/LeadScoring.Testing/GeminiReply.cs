using System.Text.Json.Nodes;
using LeadScoring.Scoring.Ai;

namespace LeadScoring.Testing;

/// <summary>
/// One canned answer of <see cref="GeminiStandIn"/>: an HTTP status, a body shaped like Gemini's
/// (generateContent success, google.rpc.Status error) and an optional delay before answering. A per-lead reply
/// (<see cref="Intent"/>, <see cref="Entry(string)"/>) is one lead's entry: the stand-in answers every prospect of the
/// prompt with one, as a model answering the structured schema {"leads": [{lead_id, intent, confidence, reason}]} does.
/// </summary>
public sealed record GeminiReply(int StatusCode, string Body, TimeSpan Delay = default)
{
    /// <summary>One lead's entry without its lead_id (the stand-in adds it); null for a whole-response reply.</summary>
    public JsonObject? LeadEntry { get; init; }

    /// <summary>Decides the reply from the prompt's prospects (a batch of them, in prompt order).</summary>
    public Func<IReadOnlyList<JsonObject>, GeminiReply>? Decide { get; init; }

    /// <summary>Thought parts before the answer, and their thoughtsTokenCount, as thinking models send them.</summary>
    public string? Thought { get; init; }

    /// <summary>Each lead's entry: {intent, confidence, reason}.</summary>
    public static GeminiReply Intent(string intent, double confidence, string reason = "Stand-in reason.") =>
        new(200, "") { LeadEntry = new JsonObject { ["intent"] = intent, ["confidence"] = confidence, ["reason"] = reason } };

    /// <summary>Each lead's entry as raw JSON (without lead_id), e.g. one outside the schema.</summary>
    public static GeminiReply Entry(string entryJson) => new(200, "") { LeadEntry = JsonNode.Parse(entryJson)!.AsObject() };

    /// <summary>A finished answer whose "leads" array <paramref name="build"/> makes from the prospects: partial, reordered, unknown ids.</summary>
    public static GeminiReply Answers(Func<IReadOnlyList<JsonObject>, JsonArray> build) =>
        For(prospects => Text(new JsonObject { ["leads"] = build(prospects) }.ToJsonString()));

    /// <summary>A reply chosen per request from its prospects.</summary>
    public static GeminiReply For(Func<IReadOnlyList<JsonObject>, GeminiReply> decide) => new(200, "") { Decide = decide };

    /// <summary>An answer cut off by maxOutputTokens: half a JSON text and finishReason MAX_TOKENS.</summary>
    public static GeminiReply MaxTokens() => Candidate(new JsonArray(new JsonObject { ["text"] = """{"leads": [{"lead_id": "upl""" }), "MAX_TOKENS");

    /// <summary>429 RESOURCE_EXHAUSTED for a spent daily quota, as Gemini sends it: a per-day QuotaFailure and a RetryInfo of seconds.</summary>
    public static GeminiReply DailyQuota(string retryDelay = "21s") => Error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", new JsonArray(
        new JsonObject
        {
            ["@type"] = "type.googleapis.com/google.rpc.QuotaFailure",
            ["violations"] = new JsonArray(new JsonObject
            {
                ["quotaMetric"] = "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                ["quotaId"] = "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
                ["quotaDimensions"] = new JsonObject { ["location"] = "global", ["model"] = GeminiStandIn.Model },
                ["quotaValue"] = "1000",
            }),
        },
        new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.Help", ["links"] = new JsonArray(new JsonObject { ["description"] = "Learn more about Gemini API quotas", ["url"] = "https://ai.google.dev/gemini-api/docs/rate-limits" }) },
        new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.RetryInfo", ["retryDelay"] = retryDelay }));

    /// <summary>400 INVALID_ARGUMENT with ErrorInfo API_KEY_INVALID: what Gemini answers a wrong or revoked key.</summary>
    public static GeminiReply BadKey() => Error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", new JsonArray(
        new JsonObject
        {
            ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
            ["reason"] = "API_KEY_INVALID",
            ["domain"] = "googleapis.com",
            ["metadata"] = new JsonObject { ["service"] = "generativelanguage.googleapis.com" },
        },
        new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.LocalizedMessage", ["locale"] = "en-US", ["message"] = "API key not valid. Please pass a valid API key." }));

    /// <summary>403 PERMISSION_DENIED: a key without access to the API.</summary>
    public static GeminiReply PermissionDenied() => Error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");

    /// <summary>404 NOT_FOUND: a retired or misspelt model.</summary>
    public static GeminiReply ModelNotFound() => Error(404, "NOT_FOUND", $"models/{GeminiStandIn.Model} is not found for API version v1beta, or is not supported for generateContent.");

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

    /// <summary>The same answer, preceded by a thought part (<c>"thought": true</c>) and with thoughtsTokenCount.</summary>
    public GeminiReply WithThought(string thought) => this with { Thought = thought };

    /// <summary>A finished candidate: optional thought part, then the answer text.</summary>
    internal static GeminiReply Answer(string modelText, string? thought)
    {
        var parts = new JsonArray();
        if (thought is not null) parts.Add(new JsonObject { ["text"] = thought, ["thought"] = true });
        parts.Add(new JsonObject { ["text"] = modelText });
        return Candidate(parts, "STOP", thought is null ? null : 40);
    }

    private static GeminiReply Candidate(JsonArray? parts, string finishReason, int? thoughtTokens = null)
    {
        var content = new JsonObject { ["role"] = "model" };
        if (parts is not null)
        {
            content["parts"] = parts;
        }

        return new(200, new JsonObject
        {
            ["candidates"] = new JsonArray(new JsonObject { ["content"] = content, ["finishReason"] = finishReason, ["index"] = 0 }),
            ["usageMetadata"] = thoughtTokens is { } thoughts
                ? new JsonObject { ["promptTokenCount"] = 120, ["candidatesTokenCount"] = 30, ["thoughtsTokenCount"] = thoughts, ["totalTokenCount"] = 150 + thoughts }
                : new JsonObject { ["promptTokenCount"] = 120, ["candidatesTokenCount"] = 30, ["totalTokenCount"] = 150 },
            ["modelVersion"] = GeminiStandIn.Model,
            ["responseId"] = "stand-in-response",
        }.ToJsonString());
    }
}
