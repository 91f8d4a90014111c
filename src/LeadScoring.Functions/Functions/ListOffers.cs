using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class ListOffers(OfferTable offers)
{
    [Function(nameof(ListOffers))]
    public Ok<IAsyncEnumerable<OfferResponse>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "offers")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(offers.ListAsync(cancellationToken).Select(OfferResponse.From));
}
