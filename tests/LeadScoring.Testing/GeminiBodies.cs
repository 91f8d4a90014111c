using System.Text.Json.Nodes;

namespace LeadScoring.Testing;

/// <summary>
/// Gemini's response bodies as the API sends them, for <see cref="GeminiStandIn"/>'s canned replies and the benchmark's
/// load policy on it: a <c>GenerateContentResponse</c> (candidates with parts, a thought part flagged
/// <c>"thought": true</c>, finishReason, usageMetadata with thoughtsTokenCount), and errors in the google.rpc.Status
/// shape with QuotaFailure, RetryInfo, Help and ErrorInfo details. Sources: ai.google.dev/api/generate-content,
/// ai.google.dev/gemini-api/docs/troubleshooting and the 429 bodies users report (QuotaFailure lists every quota the
/// call exceeded, per minute and per day alike).
/// </summary>
public static class GeminiBodies
{
    public static JsonObject Response(JsonArray? parts, string finishReason, int promptTokens, int answerTokens, int? thoughtTokens, string modelVersion, string responseId)
    {
        var content = new JsonObject { ["role"] = "model" };
        if (parts is not null) content["parts"] = parts;
        var usage = new JsonObject { ["promptTokenCount"] = promptTokens, ["candidatesTokenCount"] = answerTokens };
        if (thoughtTokens is { } thoughts) usage["thoughtsTokenCount"] = thoughts;
        usage["totalTokenCount"] = promptTokens + answerTokens + (thoughtTokens ?? 0);
        return new JsonObject
        {
            ["candidates"] = new JsonArray(new JsonObject { ["content"] = content, ["finishReason"] = finishReason, ["index"] = 0 }),
            ["usageMetadata"] = usage,
            ["modelVersion"] = modelVersion,
            ["responseId"] = responseId,
        };
    }

    /// <summary>The parts of a finished answer: an optional thought part, then the answer's text.</summary>
    public static JsonArray AnswerParts(string modelText, string? thought)
    {
        var parts = new JsonArray();
        if (thought is not null) parts.Add(new JsonObject { ["text"] = thought, ["thought"] = true });
        parts.Add(new JsonObject { ["text"] = modelText });
        return parts;
    }

    public static JsonObject Error(int statusCode, string status, string message, JsonArray? details = null) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = statusCode,
            ["message"] = message,
            ["status"] = status,
            ["details"] = details ?? [],
        },
    };

    /// <summary>429 RESOURCE_EXHAUSTED: a QuotaFailure naming each exceeded quota, a Help link and, if given, a RetryInfo.</summary>
    public static JsonObject QuotaExceeded(string? retryDelay, string model, params string[] quotaIds)
    {
        var violations = new JsonArray();
        foreach (var quotaId in quotaIds)
        {
            violations.Add(new JsonObject
            {
                ["quotaMetric"] = "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                ["quotaId"] = quotaId,
                ["quotaDimensions"] = new JsonObject { ["location"] = "global", ["model"] = model },
            });
        }

        var details = new JsonArray(
            new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.QuotaFailure", ["violations"] = violations },
            new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.Help",
                ["links"] = new JsonArray(new JsonObject { ["description"] = "Learn more about Gemini API quotas", ["url"] = "https://ai.google.dev/gemini-api/docs/rate-limits" }),
            });
        if (retryDelay is not null) details.Add(new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.RetryInfo", ["retryDelay"] = retryDelay });
        return Error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", details);
    }

    /// <summary>400 INVALID_ARGUMENT with ErrorInfo API_KEY_INVALID: a wrong or revoked key.</summary>
    public static JsonObject BadKey() => Error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", new JsonArray(
        new JsonObject
        {
            ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
            ["reason"] = "API_KEY_INVALID",
            ["domain"] = "googleapis.com",
            ["metadata"] = new JsonObject { ["service"] = "generativelanguage.googleapis.com" },
        },
        new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.LocalizedMessage", ["locale"] = "en-US", ["message"] = "API key not valid. Please pass a valid API key." }));

    /// <summary>403 PERMISSION_DENIED: a call without a usable key.</summary>
    public static JsonObject PermissionDenied() =>
        Error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");

    /// <summary>404 NOT_FOUND: a retired or misspelt model.</summary>
    public static JsonObject ModelNotFound(string model) => Error(404, "NOT_FOUND", $"models/{model} is not found for API version v1beta, or is not supported for generateContent.");
}
