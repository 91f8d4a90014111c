using LeadScoring.Functions.Http;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class GetRun(RunTable runs)
{
    [Function(nameof(GetRun))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "score/runs/{runId}")] HttpRequest request,
        string runId,
        CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(runId)) return HttpProblems.InvalidId("run_id", runId);
        return await runs.GetStatusAsync(runId, cancellationToken) is { } status
            ? TypedResults.Ok(status)
            : RunProblems.NotFound(runId);
    }
}
