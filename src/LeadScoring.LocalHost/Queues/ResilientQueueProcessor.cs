using Azure.Storage.Queues.Models;
using LeadScoring.Scoring.Storage;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Queues;
using Polly;
using Polly.Retry;

namespace LeadScoring.LocalHost.Queues;

/// <summary>
/// The SDK's queue processor with two changes to how a finished invocation's message is completed:
/// <list type="bullet">
/// <item>A message whose invocation was cancelled because the host is stopping is released visible at once instead
/// of after host.json's <c>visibilityTimeout</c>, so a restarted host (or another instance) resumes the run at once.</item>
/// <item>Deleting or releasing a message is retried through a storage outage. The SDK tries once; a message whose
/// completion fails stays hidden for the listener's receive visibility (10 minutes) although its work is done.</item>
/// </list>
/// </summary>
internal sealed class ResilientQueueProcessor(QueueProcessorOptions options, CancellationToken stopping) : QueueProcessor(options)
{
    /// <summary>Outages shorter than this are ridden out; after it, the SDK's own handling (10 minutes hidden) applies.</summary>
    public static readonly TimeSpan CompletionBudget = TimeSpan.FromMinutes(2);

    private static readonly ResiliencePipeline ThroughOutages = new ResiliencePipelineBuilder()
        .AddTimeout(CompletionBudget)
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(StorageFaults.IsUnavailable),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(5),
            UseJitter = true,
        })
        .Build();

    protected override Task ReleaseMessageAsync(QueueMessage message, FunctionResult result, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        ThroughOutages.ExecuteAsync(
            async token => await base.ReleaseMessageAsync(message, result, stopping.IsCancellationRequested ? TimeSpan.Zero : visibilityTimeout, token),
            cancellationToken).AsTask();

    protected override Task DeleteMessageAsync(QueueMessage message, CancellationToken cancellationToken) =>
        ThroughOutages.ExecuteAsync(async token => await base.DeleteMessageAsync(message, token), cancellationToken).AsTask();
}
