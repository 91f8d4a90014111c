using System.Text.Json;
using Azure.Storage.Queues;
using LeadScoring.Scoring.Runs;

namespace LeadScoring.Scoring.Storage;

/// <summary>Queue <c>score-leads</c>: one message per lead. The service client encodes base64, as host.json tells the trigger to expect.</summary>
public sealed class ScoreQueue(QueueServiceClient service)
{
    private readonly QueueClient queue = service.GetQueueClient(StorageNames.ScoreLeads);

    public async Task SendAsync(ScoreLeadMessage message, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, StorageJsonContext.Default.ScoreLeadMessage), cancellationToken);
}
