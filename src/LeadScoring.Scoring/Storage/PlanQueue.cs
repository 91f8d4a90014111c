using System.Text.Json;
using Azure.Storage.Queues;
using LeadScoring.Scoring.Runs;

namespace LeadScoring.Scoring.Storage;

/// <summary>Queue <c>plan-leads</c>: steps of an upload's fan-out: ranges of its lines that a run still has to fan out into score messages.</summary>
public sealed class PlanQueue(QueueServiceClient service)
{
    private readonly QueueClient queue = service.GetQueueClient(StorageNames.PlanLeads);

    public async Task SendAsync(PlanLeadsMessage message, CancellationToken cancellationToken) =>
        await SendAsync(message, TimeSpan.Zero, cancellationToken);

    /// <summary>Sends a message that stays invisible for <paramref name="delay"/>.</summary>
    public async Task SendAsync(PlanLeadsMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(
            JsonSerializer.Serialize(message, StorageJsonContext.Default.PlanLeadsMessage), delay, cancellationToken: cancellationToken);
}
