using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class GetOffer(OfferTable offers)
{
    [Function(nameof(GetOffer))]
    public async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "offer/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(id)) return HttpProblems.InvalidId("id", id);
        return await offers.GetAsync(id, cancellationToken) is { } offer
            ? TypedResults.Ok(OfferResponse.From(offer))
            : OfferProblems.NotFound(id);
    }
}
