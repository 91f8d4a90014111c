using LeadScoring.Functions.Http.Requests;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class GetResults(OfferTable offers, ResultTable results)
{
    [Function(nameof(GetResults))]
    public async Task<Results<Ok<IAsyncEnumerable<ResultResponse>>, Ok<IEnumerable<ResultResponse>>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "results")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var read = await ResultsRequest.ReadAsync(request, offers, cancellationToken);
        if (!read.TryGetValue(out var opened, out var problem)) return problem;
        var (query, offer) = opened;

        // Without a limit the whole (seed-compatible) array is streamed; with one, a page and the next page's token.
        if (query.Limit is not { } limit) return TypedResults.Ok(results.QueryAsync(offer.Id, query.Filter, cancellationToken).Select(ResultResponse.From));
        var page = await results.GetPageAsync(offer.Id, query.Filter, limit, query.Continuation, cancellationToken);
        if (page.Next is { } next) request.HttpContext.Response.Headers[ResultsQuery.ContinuationHeader] = next.Encode();
        return TypedResults.Ok(page.Results.Select(ResultResponse.From));
    }
}
