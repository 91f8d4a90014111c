using LeadScoring.Functions.Http;
using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Http.Requests;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class CreateOffer(OfferTable offers)
{
    [Function(nameof(CreateOffer))]
    public async Task<Results<Created<OfferCreatedResponse>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "offer")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var read = await JsonRequest.ReadAsync(request, LeadScoringJsonContext.Default.CreateOfferRequest, cancellationToken);
        if (!read.TryGetValue(out var body, out var problem)) return problem;
        var offer = body ?? new CreateOfferRequest();
        if (offer.Validate() is { Count: > 0 } errors) return HttpProblems.InvalidFields(errors);

        var created = await offers.AddAsync(offer.ToDraft(), cancellationToken);
        return TypedResults.Created($"/offer/{created.Id}", new OfferCreatedResponse(created.Id));
    }
}
