using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// The SDK's exponential retry (3 retries from 0.8 s), cut short for HTTP callers; see <see cref="StorageCallBudget"/>.
/// Attempts that all ran out of time (storage did not answer) surface as a <see cref="RequestFailedException"/> with
/// status 0, as an unreachable account does, not as the cancellation the SDK throws: nobody cancelled the call, so an
/// HTTP caller gets 503 with Retry-After rather than 500.
/// </summary>
internal sealed class StorageRetryPolicy() : RetryPolicy(maxRetries: 3, DelayStrategy.CreateExponentialDelayStrategy(TimeSpan.FromSeconds(0.8), TimeSpan.FromMinutes(1)))
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await base.ProcessAsync(message, pipeline);
        }
        catch (Exception e) when (TimedOut(message, e))
        {
            throw NoAnswer(e);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            base.Process(message, pipeline);
        }
        catch (Exception e) when (TimedOut(message, e))
        {
            throw NoAnswer(e);
        }
    }

    private static bool TimedOut(HttpMessage message, Exception exception) =>
        !message.CancellationToken.IsCancellationRequested && IsCancellation(exception);

    private static bool IsCancellation(Exception exception) => exception switch
    {
        OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsCancellation),
        _ => false,
    };

    private static RequestFailedException NoAnswer(Exception exception) =>
        new(0, "Storage did not answer within the attempt timeout.", exception);

    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        WithinBudget(message) && base.ShouldRetry(message, exception);

    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        WithinBudget(message) && await base.ShouldRetryAsync(message, exception);

    protected override void OnSendingRequest(HttpMessage message)
    {
        ShortenAttempt(message);
        base.OnSendingRequest(message);
    }

    protected override ValueTask OnSendingRequestAsync(HttpMessage message)
    {
        ShortenAttempt(message);
        return base.OnSendingRequestAsync(message);
    }

    private const string AttemptsProperty = "LeadScoring.StorageAttempts";

    // Called after a failed attempt: retry while the attempts so far leave room for another within the budget.
    private static bool WithinBudget(HttpMessage message) =>
        !StorageCallBudget.IsInteractive || Attempts(message) <= StorageCallBudget.InteractiveRetries;

    private static void ShortenAttempt(HttpMessage message)
    {
        message.SetProperty(AttemptsProperty, Attempts(message) + 1);
        if (StorageCallBudget.IsInteractive) message.NetworkTimeout = StorageCallBudget.InteractiveAttemptTimeout;
    }

    private static int Attempts(HttpMessage message) => message.TryGetProperty(AttemptsProperty, out var value) && value is int attempts ? attempts : 0;
}
