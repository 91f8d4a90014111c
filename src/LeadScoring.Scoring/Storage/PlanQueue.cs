using System.Text.Json;
using Azure.Storage.Queues;
using LeadScoring.Scoring.Runs;

namespace LeadScoring.Scoring.Storage;

/// <summary>Queue <c>plan-leads</c>: chunks of an upload's lines that a run still has to fan out into score messages.</summary>
public sealed class PlanQueue(QueueServiceClient service)
{
    private readonly QueueClient queue = service.GetQueueClient(StorageNames.PlanLeads);

    public async Task SendAsync(PlanLeadsMessage message, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, StorageJsonContext.Default.PlanLeadsMessage), cancellationToken);
}
