using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Ai;

// The slice of Gemini's REST generateContent contract we send and read (v1beta). Reading tolerates
// additions: every response property is optional.

internal sealed record GeminiRequest(
    IReadOnlyList<GeminiContent> Contents,
    GeminiContent? SystemInstruction,
    GeminiGenerationConfig? GenerationConfig);

internal sealed record GeminiContent(string? Role, IReadOnlyList<GeminiPart>? Parts);

internal sealed record GeminiPart(string? Text, bool? Thought = null);

internal sealed record GeminiGenerationConfig(
    float? Temperature,
    int? MaxOutputTokens,
    float? TopP,
    int? TopK,
    IReadOnlyList<string>? StopSequences,
    string? ResponseMimeType,
    JsonElement? ResponseJsonSchema,
    GeminiThinkingConfig? ThinkingConfig = null);

/// <summary>Gemini 2.5 takes a token budget (0 = off on Flash models); Gemini 3 takes a level (MINIMAL, LOW, ...).</summary>
internal sealed record GeminiThinkingConfig(int? ThinkingBudget = null, string? ThinkingLevel = null);

internal sealed record GeminiResponse(
    IReadOnlyList<GeminiCandidate>? Candidates,
    GeminiPromptFeedback? PromptFeedback,
    GeminiUsageMetadata? UsageMetadata,
    string? ModelVersion,
    string? ResponseId);

internal sealed record GeminiCandidate(GeminiContent? Content, string? FinishReason);

internal sealed record GeminiPromptFeedback(string? BlockReason);

internal sealed record GeminiUsageMetadata(int? PromptTokenCount, int? CandidatesTokenCount, int? TotalTokenCount, int? ThoughtsTokenCount = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GeminiRequest))]
[JsonSerializable(typeof(GeminiResponse))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext;
