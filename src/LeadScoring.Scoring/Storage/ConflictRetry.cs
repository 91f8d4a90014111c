using Azure;
using Polly;
using Polly.Retry;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Re-runs a read-modify-write when another writer won the race: 412 (ETag changed), 409 (added first) or
/// 404 (deleted first) inside an entity-group transaction. Each attempt must re-read what it writes.
/// </summary>
public sealed class ConflictRetry(TimeProvider clock)
{
    private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RequestFailedException>(e => e.Status is 404 or 409 or 412),
            MaxRetryAttempts = 8,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(20),
        })
        .Build();

    public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> action, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(action, cancellationToken);

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(action, cancellationToken);
}
