using LeadScoring.Scoring.Pipeline;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class PlanLeads(RunPlanner planner)
{
    [Function(nameof(PlanLeads))]
    public Task Run(
        [QueueTrigger(StorageNames.PlanLeads, Connection = StorageNames.Connection)] PlanLeadsMessage message,
        CancellationToken cancellationToken) =>
        planner.PlanAsync(message, cancellationToken);
}
