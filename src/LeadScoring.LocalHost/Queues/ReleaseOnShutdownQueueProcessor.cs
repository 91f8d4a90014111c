using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Queues;

namespace LeadScoring.LocalHost.Queues;

/// <summary>
/// The SDK's queue processor, except that a message whose invocation was cancelled because the host is stopping
/// is released visible at once instead of after host.json's <c>visibilityTimeout</c>: a restarted host (or
/// another instance) resumes the run immediately. Every other failure keeps the configured back-off.
/// </summary>
internal sealed class ReleaseOnShutdownQueueProcessor(QueueProcessorOptions options, CancellationToken stopping) : QueueProcessor(options)
{
    protected override Task ReleaseMessageAsync(QueueMessage message, FunctionResult result, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        base.ReleaseMessageAsync(message, result, stopping.IsCancellationRequested ? TimeSpan.Zero : visibilityTimeout, cancellationToken);
}
