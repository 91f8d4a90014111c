using LeadScoring.Scoring.Pipeline;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class ScoreLead(ScoreLeadHandler handler)
{
    [Function(nameof(ScoreLead))]
    public Task Run(
        [QueueTrigger(StorageNames.ScoreLeads, Connection = StorageNames.Connection)] ScoreLeadMessage message,
        CancellationToken cancellationToken) =>
        handler.ScoreAsync(message, cancellationToken);
}
