using System.Text.Json;
using Azure.Storage.Queues;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Storage;

/// <summary>Queue <c>import-leads</c>: the steps of background imports, one staged part each.</summary>
public sealed class ImportQueue(QueueServiceClient service)
{
    private readonly QueueClient queue = service.GetQueueClient(StorageNames.ImportLeads);

    public async Task SendAsync(ImportLeadsMessage message, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, StorageJsonContext.Default.ImportLeadsMessage), cancellationToken);
}
