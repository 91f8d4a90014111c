using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>
/// The opening that <c>GET /results</c> and <c>/results/export</c> share: the parsed query and the offer it reads.
/// </summary>
public sealed record ResultsRequest(ResultsQuery Query, Offer Offer)
{
    /// <summary>The query and its offer, or the problem that answers the request instead.</summary>
    public static async Task<RequestValue<ResultsRequest>> ReadAsync(HttpRequest request, OfferTable offers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ResultsQuery.Parse(request.Query).TryGetValue(out var query, out var problem)) return new(problem);
        var requested = await RequestedOffer.FindAsync(offers, query.OfferId, cancellationToken);
        return requested.TryGetValue(out var offer, out var offerProblem) ? new(new ResultsRequest(query, offer)) : new(offerProblem);
    }
}
