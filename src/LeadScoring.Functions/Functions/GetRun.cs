using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LeadScoring.Functions.Functions;

public sealed class GetRun(RunTable runs, IOptions<GeminiOptions> gemini)
{
    [Function(nameof(GetRun))]
    public async Task<Results<Ok<RunStatusResponse>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "score/runs/{runId}")] HttpRequest request,
        string runId,
        CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(runId)) return HttpProblems.InvalidId("run_id", runId);
        var prices = gemini.Value;
        return await runs.GetStatusAsync(runId, cancellationToken) is { } status
            ? TypedResults.Ok(RunStatusResponse.From(status with { Ai = status.Ai.Priced(prices.InputPricePerMillionTokens, prices.OutputPricePerMillionTokens) }))
            : RunProblems.NotFound(runId);
    }
}
