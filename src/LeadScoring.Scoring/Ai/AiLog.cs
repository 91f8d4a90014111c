using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// Log events of the AI layer (200–219). They carry ids, reasons, counts and durations only:
/// never the API key, the prompt, a bio or the model's raw text.
/// </summary>
internal static partial class AiLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Warning,
        Message = "AI intent unavailable for lead {LeadId}; used rule fallback ({Reason}) after {ElapsedMs} ms: {Cause}")]
    public static partial void IntentFallback(this ILogger logger, string leadId, string reason, long elapsedMs, string cause);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug,
        Message = "AI intent {Intent} with confidence {Confidence} for lead {LeadId} in {ElapsedMs} ms")]
    public static partial void IntentClassified(this ILogger logger, string leadId, string intent, double confidence, long elapsedMs);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information,
        Message = "No AI chat client is configured (Gemini:ApiKey or GEMINI_API_KEY); AI intent uses the rule fallback")]
    public static partial void AiNotConfigured(this ILogger logger);

    [LoggerMessage(EventId = 210, Level = LogLevel.Information,
        Message = "Gemini attempt {Attempt} failed ({Cause}); retrying in {DelayMs} ms")]
    public static partial void GeminiRetry(this ILogger logger, int attempt, string cause, long delayMs);
}
