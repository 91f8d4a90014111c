using Microsoft.Azure.WebJobs.Host.Queues;

namespace LeadScoring.LocalHost.Queues;

/// <summary>The SDK's seam for its queue processor; see <see cref="ReleaseOnShutdownQueueProcessor"/>.</summary>
internal sealed class ReleaseOnShutdownQueueProcessorFactory(IHostApplicationLifetime lifetime) : IQueueProcessorFactory
{
    public QueueProcessor Create(QueueProcessorOptions queueProcessorOptions) =>
        new ReleaseOnShutdownQueueProcessor(queueProcessorOptions, lifetime.ApplicationStopping);
}
