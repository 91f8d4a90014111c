using Azure;
using Azure.Data.Tables;
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
            ShouldHandle = new PredicateBuilder().Handle<RequestFailedException>(IsRace),
            MaxRetryAttempts = 6,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(20),
        })
        .Build();

    /// <summary>A lost race, not a missing table: a missing table will not appear by retrying.</summary>
    private static bool IsRace(RequestFailedException e) =>
        e.ErrorCode != "TableNotFound" && (e.Status is 409 or 412 || (e.Status == 404 && e is TableTransactionFailedException));

    public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> action, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(action, cancellationToken);

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(action, cancellationToken);
}
