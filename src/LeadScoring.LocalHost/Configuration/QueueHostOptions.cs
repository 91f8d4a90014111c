namespace LeadScoring.LocalHost.Configuration;

/// <summary>host.json <c>extensions.queues</c>, with the Functions host's defaults for anything left out.</summary>
public sealed class QueueHostOptions
{
    public string MessageEncoding { get; set; } = "base64";
    public int BatchSize { get; set; } = 16;
    public int NewBatchThreshold { get; set; } = -1;
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a message stays hidden while it is processed; renewed at half-time, as the host does.</summary>
    public TimeSpan ProcessingVisibility { get; set; } = TimeSpan.FromMinutes(1);

    // The host's default threshold is half the batch size (per processor core), see the host.json reference.
    public int EffectiveNewBatchThreshold => NewBatchThreshold >= 0 ? NewBatchThreshold : BatchSize / 2;
}
