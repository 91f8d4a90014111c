using System.Net;
using System.Text.Json;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.RateLimiting;
using Polly.Timeout;

namespace LeadScoring.Scoring.Ai;

/// <summary>The AI half of a score (0–50): asks the model, falls back to <see cref="FallbackIntent"/> and says why.</summary>
/// <remarks>
/// Depends only on <see cref="IChatClient"/>; without one (no API key configured) it never calls out.
/// Retries and rate limits happen below the chat client; what reaches this class is final, and each
/// fault maps to one <see cref="FallbackReason"/>. Cancellation by the caller is not a fault: it propagates.
/// </remarks>
public sealed class IntentClassifier
{
    private static readonly ChatOptions RequestOptions = new()
    {
        // A classification, not prose: the most likely label every time.
        Temperature = 0,
        // Room for the JSON answer and a capped reason; bounds the cost of a model that rambles.
        MaxOutputTokens = 1_024,
    };

    private readonly IChatClient? _chatClient;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;

    // Optional parameters keep `new IntentClassifier()` (rule fallback only) and a fake chat client easy in tests.
    public IntentClassifier(IChatClient? chatClient = null, ILogger<IntentClassifier>? logger = null, TimeProvider? clock = null)
    {
        _chatClient = chatClient;
        _logger = logger ?? NullLogger<IntentClassifier>.Instance;
        _clock = clock ?? TimeProvider.System;
        if (chatClient is null)
        {
            _logger.AiNotConfigured();
        }
    }

    public bool IsEnabled => _chatClient is not null;

    public async Task<IntentJudgement> ClassifyAsync(Offer offer, Lead lead, RuleScore rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(rules);
        if (_chatClient is null)
        {
            return FallbackIntent.Judge(rules, FallbackReason.AiNotConfigured);
        }

        // Retry logs further down carry the lead id through this scope.
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["LeadId"] = lead.Id });
        var started = _clock.GetTimestamp();
        ChatResponse<IntentAnswer> response;
        try
        {
            response = await _chatClient.GetResponseAsync<IntentAnswer>(
                [new ChatMessage(ChatRole.User, ClassificationPrompt.Render(offer, lead))],
                IntentAnswerJsonContext.Default.Options,
                RequestOptions,
                useJsonSchemaResponseFormat: true,
                cancellationToken);
        }
        catch (Exception exception) when (ToFallbackReason(exception) is { } reason)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Fallback(lead, rules, reason, started, Describe(exception));
        }

        if (response.FinishReason == ChatFinishReason.ContentFilter || string.IsNullOrWhiteSpace(response.Text))
        {
            return Fallback(lead, rules, FallbackReason.AiBlocked, started, $"no answer (finish reason {response.FinishReason?.Value ?? "none"})");
        }

        if (!response.TryGetResult(out var answer) || answer.ToJudgement() is not { } judgement)
        {
            return Fallback(lead, rules, FallbackReason.AiInvalidResponse, started, "answer outside the schema");
        }

        _logger.IntentClassified(lead.Id, judgement.Intent.ToString(), answer.Confidence, ElapsedMs(started));
        return judgement;
    }

    private IntentJudgement Fallback(Lead lead, RuleScore rules, FallbackReason reason, long started, string cause)
    {
        // The same spelling as fallback_reason in results ("ai_quota"), so logs and API grep alike.
        _logger.IntentFallback(lead.Id, JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString()), ElapsedMs(started), cause);
        return FallbackIntent.Judge(rules, reason);
    }

    // What the chat client stack throws once its retries are spent; anything else is a bug and propagates.
    internal static FallbackReason? ToFallbackReason(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } => FallbackReason.AiQuota,
        HttpRequestException { StatusCode: HttpStatusCode.RequestTimeout } => FallbackReason.AiTimeout,
        HttpRequestException => FallbackReason.AiUnavailable,
        RateLimiterRejectedException => FallbackReason.AiQuota,
        TimeoutRejectedException or TimeoutException => FallbackReason.AiTimeout,
        // Only a cancellation the caller did not ask for reaches the handler (it checks the token first).
        OperationCanceledException => FallbackReason.AiTimeout,
        JsonException => FallbackReason.AiInvalidResponse,
        _ => null,
    };

    // Our own words: exception messages from below may quote what the service said.
    private static string Describe(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException { HttpRequestError: var error } => $"network ({error})",
        _ => exception.GetType().Name,
    };

    private long ElapsedMs(long started) => (long)_clock.GetElapsedTime(started).TotalMilliseconds;
}
