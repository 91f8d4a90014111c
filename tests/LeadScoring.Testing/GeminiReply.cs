using System.Text.Json.Nodes;

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
    public static GeminiReply DailyQuota(string retryDelay = "21s") =>
        FromBody(429, GeminiBodies.QuotaExceeded(retryDelay, GeminiStandIn.Model, "GenerateRequestsPerDayPerProjectPerModel-FreeTier"));

    /// <summary>400 INVALID_ARGUMENT with ErrorInfo API_KEY_INVALID: what Gemini answers a wrong or revoked key.</summary>
    public static GeminiReply BadKey() => FromBody(400, GeminiBodies.BadKey());

    /// <summary>403 PERMISSION_DENIED: a key without access to the API.</summary>
    public static GeminiReply PermissionDenied() => FromBody(403, GeminiBodies.PermissionDenied());

    /// <summary>404 NOT_FOUND: a retired or misspelt model.</summary>
    public static GeminiReply ModelNotFound() => FromBody(404, GeminiBodies.ModelNotFound(GeminiStandIn.Model));

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
    public static GeminiReply Quota(string? retryDelay = "13s") =>
        FromBody(429, GeminiBodies.QuotaExceeded(retryDelay, GeminiStandIn.Model, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"));

    public static GeminiReply Unavailable() => Error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");

    public static GeminiReply InternalError() => Error(500, "INTERNAL", "An internal error has occurred.");

    /// <summary>An error in Gemini's google.rpc.Status shape.</summary>
    public static GeminiReply Error(int statusCode, string status, string message, JsonArray? details = null) =>
        FromBody(statusCode, GeminiBodies.Error(statusCode, status, message, details));

    /// <summary>200 with a body that is not JSON at all (a proxy page, a truncated stream).</summary>
    public static GeminiReply Garbage() => new(200, "<html><body>502 Bad Gateway</body></html>");

    /// <summary>The same reply, sent only after <paramref name="delay"/>.</summary>
    public GeminiReply After(TimeSpan delay) => this with { Delay = delay };

    /// <summary>The same answer, preceded by a thought part (<c>"thought": true</c>) and with thoughtsTokenCount.</summary>
    public GeminiReply WithThought(string thought) => this with { Thought = thought };

    /// <summary>A finished candidate: optional thought part, then the answer text.</summary>
    internal static GeminiReply Answer(string modelText, string? thought) =>
        Candidate(GeminiBodies.AnswerParts(modelText, thought), "STOP", thought is null ? null : 40);

    private static GeminiReply FromBody(int statusCode, JsonObject body) => new(statusCode, body.ToJsonString());

    private static GeminiReply Candidate(JsonArray? parts, string finishReason, int? thoughtTokens = null) =>
        FromBody(200, GeminiBodies.Response(parts, finishReason, 120, 30, thoughtTokens, GeminiStandIn.Model, "stand-in-response"));
}
