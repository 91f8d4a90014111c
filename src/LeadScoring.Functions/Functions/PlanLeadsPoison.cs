using LeadScoring.Scoring.Pipeline;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

/// <summary>A fan-out step the host gave up on: its leads show as failed so the run still completes.</summary>
public sealed class PlanLeadsPoison(RunPlanner planner)
{
    [Function(nameof(PlanLeadsPoison))]
    public Task Run(
        [QueueTrigger(StorageNames.PlanLeadsPoison, Connection = StorageNames.Connection)] PlanLeadsMessage message,
        CancellationToken cancellationToken) =>
        planner.FailStepAsync(message, cancellationToken);
}
