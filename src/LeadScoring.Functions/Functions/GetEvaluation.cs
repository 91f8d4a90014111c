using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Evaluation;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class GetEvaluation(OfferTable offers, OfferEvaluator evaluator)
{
    [Function(nameof(GetEvaluation))]
    public async Task<Results<Ok<OfferEvaluationResponse>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "offer/{id}/evaluation")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(id)) return HttpProblems.InvalidId("id", id);
        if (await offers.GetAsync(id, cancellationToken) is null) return OfferProblems.NotFound(id);
        return TypedResults.Ok(OfferEvaluationResponse.From(await evaluator.EvaluateAsync(id, cancellationToken)));
    }
}
