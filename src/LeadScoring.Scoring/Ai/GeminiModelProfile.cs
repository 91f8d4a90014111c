using Microsoft.Extensions.AI;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// What a Gemini model generation accepts, from its model name. Google's model pages are the source:
/// Gemini 2.5 Flash and Flash-Lite turn thinking off with <c>thinkingBudget: 0</c>, 2.5 Pro cannot go below 128;
/// Gemini 3 models take <c>thinkingLevel</c> instead (an error on earlier models), Flash and Flash-Lite down to
/// <c>MINIMAL</c>, Pro down to <c>LOW</c>, and ignore or misbehave with custom temperature, top-K and top-P;
/// 2.0 and 1.5 have no thinking. An alias (<c>gemini-flash-lite-latest</c>) or an unknown name may point at any
/// generation, so it gets only what every generation accepts, and room for the model's default thinking.
/// </summary>
internal sealed record GeminiModelProfile(ModelGeneration Generation, bool IsPro)
{
    public static GeminiModelProfile For(string model)
    {
        var name = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        var generation = name switch
        {
            _ when name.StartsWith("gemini-1.", StringComparison.Ordinal) || name.StartsWith("gemini-2.0", StringComparison.Ordinal) => ModelGeneration.NoThinking,
            _ when name.StartsWith("gemini-2.5", StringComparison.Ordinal) => ModelGeneration.ThinkingBudget,
            _ when name.StartsWith("gemini-3", StringComparison.Ordinal) => ModelGeneration.ThinkingLevel,
            _ => ModelGeneration.Unknown,
        };
        return new GeminiModelProfile(generation, name.Contains("-pro", StringComparison.Ordinal));
    }

    /// <summary>Whether temperature, top-P and top-K are sent: not to Gemini 3 (Google advises its defaults) nor to a model we can't place.</summary>
    public bool TakesSamplingSettings => Generation is ModelGeneration.NoThinking or ModelGeneration.ThinkingBudget;

    /// <summary>The thinking config for an effort; <see cref="ReasoningEffort.None"/> is as little thinking as the model allows.</summary>
    public GeminiThinkingConfig? Thinking(ReasoningEffort? effort) => (Generation, effort) switch
    {
        (_, null) or (ModelGeneration.NoThinking or ModelGeneration.Unknown, _) => null,
        (ModelGeneration.ThinkingBudget, ReasoningEffort.None) => new GeminiThinkingConfig(ThinkingBudget: IsPro ? 128 : 0),
        (ModelGeneration.ThinkingBudget, ReasoningEffort.Low) => new GeminiThinkingConfig(ThinkingBudget: 1_024),
        (ModelGeneration.ThinkingBudget, _) => new GeminiThinkingConfig(ThinkingBudget: -1),
        (ModelGeneration.ThinkingLevel, ReasoningEffort.None) => new GeminiThinkingConfig(ThinkingLevel: IsPro ? "LOW" : "MINIMAL"),
        (ModelGeneration.ThinkingLevel, ReasoningEffort.Low) => new GeminiThinkingConfig(ThinkingLevel: "LOW"),
        (ModelGeneration.ThinkingLevel, ReasoningEffort.Medium) => new GeminiThinkingConfig(ThinkingLevel: "MEDIUM"),
        _ => new GeminiThinkingConfig(ThinkingLevel: "HIGH"),
    };

    /// <summary>Tokens added to maxOutputTokens for thinking, which counts against it: an answer cut short ends in MAX_TOKENS.</summary>
    public int ThinkingHeadroomTokens(GeminiThinkingConfig? thinking) => (Generation, thinking) switch
    {
        (ModelGeneration.NoThinking, _) => 0,
        (_, { ThinkingBudget: 0 }) => 0,
        (_, { ThinkingBudget: > 0 and var budget }) => budget,
        (_, { ThinkingLevel: "MINIMAL" }) => 1_024,
        (_, { ThinkingLevel: "LOW" }) => 4_096,
        // Dynamic thinking, a higher level, or a model whose default we don't know.
        _ => 8_192,
    };
}

internal enum ModelGeneration
{
    /// <summary>Gemini 1.5 and 2.0: no thinking config.</summary>
    NoThinking,

    /// <summary>Gemini 2.5: <c>thinkingBudget</c>.</summary>
    ThinkingBudget,

    /// <summary>Gemini 3 and later: <c>thinkingLevel</c>, default sampling.</summary>
    ThinkingLevel,

    /// <summary>An alias or a name we don't recognise.</summary>
    Unknown,
}
