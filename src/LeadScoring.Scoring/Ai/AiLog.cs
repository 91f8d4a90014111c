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

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug,
        Message = "Gemini judged {Leads} leads of offer {OfferId} in one call ({PromptTokens} prompt, {AnswerTokens} answer, {ThoughtTokens} thought tokens) in {ElapsedMs} ms")]
    public static partial void BatchAnswered(this ILogger logger, int leads, string offerId, int promptTokens, int answerTokens, int thoughtTokens, long elapsedMs);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information,
        Message = "Gemini's answer for {Leads} leads was {Why}; asking again in two halves")]
    public static partial void BatchSplit(this ILogger logger, int leads, string why);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information,
        Message = "Gemini left {Missing} of {Leads} leads out of its answer or answered them outside the schema; asking for each alone")]
    public static partial void BatchIncomplete(this ILogger logger, int missing, int leads);

    [LoggerMessage(EventId = 211, Level = LogLevel.Error,
        Message = "Gemini refused the configuration (HTTP {StatusCode}, status {ApiStatus}, reason {Reason}) for model {Model}: " +
                  "the AI half is off and leads use the rule fallback (ai_misconfigured); next probe at {ProbeAt:u}. First report: {First}")]
    public static partial void AiMisconfigured(this ILogger logger, int statusCode, string apiStatus, string reason, string model, DateTimeOffset probeAt, bool first);

    [LoggerMessage(EventId = 212, Level = LogLevel.Warning,
        Message = "Gemini's daily quota for model {Model} is spent ({QuotaId}); it resets at {ResetsAt:u}, no calls until {ProbeAt:u}. First report: {First}")]
    public static partial void DailyQuotaSpent(this ILogger logger, string model, string quotaId, DateTimeOffset resetsAt, DateTimeOffset probeAt, bool first);

    [LoggerMessage(EventId = 213, Level = LogLevel.Information,
        Message = "Gemini answers again after {Seconds} s ({Kind}); the AI half is back on")]
    public static partial void AiRecovered(this ILogger logger, string kind, long seconds);

    [LoggerMessage(EventId = 214, Level = LogLevel.Warning,
        Message = "Remembered AI judgements could not be read or written ({Cause}); asking Gemini instead")]
    public static partial void CacheFailed(this ILogger logger, string cause);
}
