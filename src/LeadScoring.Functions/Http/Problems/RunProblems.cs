using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Problems;

public static class RunProblems
{
    public static ProblemHttpResult NotFound(string runId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Run not found",
        detail: $"There is no scoring run with id '{runId}'. POST /score answers with the run's Location.");

    /// <summary>A start that storage interrupted and that was rolled back: retrying queues what it did not.</summary>
    public static ProblemHttpResult StartInterrupted(string? runId, int queued) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Scoring could not be started completely",
        detail: runId is null
            ? "Storage failed while starting the run; nothing was queued. Send POST /score again."
            : $"Storage failed while starting run '{runId}'; it queued only {queued} leads. Send POST /score again to queue the rest.",
        extensions: runId is null ? null : new Dictionary<string, object?> { ["run_id"] = runId, ["queued"] = queued });
}
