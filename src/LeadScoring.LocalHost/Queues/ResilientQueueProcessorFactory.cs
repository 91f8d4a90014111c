using Microsoft.Azure.WebJobs.Host.Queues;

namespace LeadScoring.LocalHost.Queues;

/// <summary>The SDK's seam for its queue processor; see <see cref="ResilientQueueProcessor"/>.</summary>
internal sealed class ResilientQueueProcessorFactory(IHostApplicationLifetime lifetime) : IQueueProcessorFactory
{
    public QueueProcessor Create(QueueProcessorOptions queueProcessorOptions) =>
        new ResilientQueueProcessor(queueProcessorOptions, lifetime.ApplicationStopping);
}
