using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using LeadScoring.Scoring.Runs;

namespace LeadScoring.Scoring.Storage;

/// <summary>Queue <c>score-leads</c>: one message per lead. The service client encodes base64, as host.json tells the trigger to expect.</summary>
public sealed class ScoreQueue(QueueServiceClient service)
{
    /// <summary>A queue message holds 64 KiB, which base64 leaves 48 KiB of; keep a margin.</summary>
    private const int MaxMessageBytes = 45 * 1024;
    private readonly QueueClient queue = service.GetQueueClient(StorageNames.ScoreLeads);

    /// <summary>Longest a message may stay invisible (the queue service's limit is 7 days).</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    /// <summary>Sends the message, without the lead's fields if they would not fit (the scorer then reads the lead).</summary>
    public Task SendAsync(ScoreLeadMessage message, CancellationToken cancellationToken) => SendAsync(message, TimeSpan.Zero, cancellationToken);

    /// <summary>Whether a message waits to be received now (hidden ones do not count: the queue's own count includes them).</summary>
    public async Task<bool> HasWaitingAsync(CancellationToken cancellationToken) =>
        (await queue.PeekMessagesAsync(1, cancellationToken)).Value.Length > 0;

    /// <summary>Sends the message so that it becomes visible only after <paramref name="delay"/> (at most 7 days).</summary>
    public async Task SendAsync(ScoreLeadMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(message, StorageJsonContext.Default.ScoreLeadMessage);
        if (message.Lead is not null && Encoding.UTF8.GetByteCount(json) > MaxMessageBytes)
        {
            json = JsonSerializer.Serialize(message with { Lead = null }, StorageJsonContext.Default.ScoreLeadMessage);
        }

        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : delay < MaxVisibilityDelay ? delay : MaxVisibilityDelay;
        await queue.SendMessageAsync(json, visibility, timeToLive: null, cancellationToken);
    }

    /// <summary>Messages in the queue, visible or not (approximate, as storage reports it).</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
}
