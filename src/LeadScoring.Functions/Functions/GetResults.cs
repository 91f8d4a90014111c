using LeadScoring.Functions.Http;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class GetResults(OfferTable offers, ResultTable results)
{
    [Function(nameof(GetResults))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "results")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!ResultsQuery.TryParse(request.Query, out var query, out var errors)) return ResultProblems.InvalidQuery(errors);
        var lookup = await offers.FindAsync(query.OfferId, cancellationToken);
        if (lookup.Offer is not { } offer) return OfferProblems.From(lookup);

        // Without a limit the whole (seed-compatible) array is streamed; with one, a page and the next page's token.
        if (query.Limit is not { } limit) return TypedResults.Ok(results.QueryAsync(offer.Id, query.Filter, cancellationToken).Select(ResultResponse.From));
        var page = await results.GetPageAsync(offer.Id, query.Filter, limit, query.Continuation, cancellationToken);
        if (page.Next is { } next) request.HttpContext.Response.Headers[ResultsQuery.ContinuationHeader] = next.Encode();
        return TypedResults.Ok(page.Results.Select(ResultResponse.From));
    }
}
