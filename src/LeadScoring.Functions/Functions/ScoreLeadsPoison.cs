using LeadScoring.Scoring.Pipeline;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

/// <summary>A score message the host gave up on (maxDequeueCount): the lead shows as failed with the last error.</summary>
public sealed class ScoreLeadsPoison(ScoreLeadHandler handler)
{
    [Function(nameof(ScoreLeadsPoison))]
    public Task Run(
        [QueueTrigger(StorageNames.ScoreLeadsPoison, Connection = StorageNames.Connection)] ScoreLeadMessage message,
        CancellationToken cancellationToken) =>
        handler.FailPoisonedAsync(message, cancellationToken);
}
