using System.Diagnostics.CodeAnalysis;
using LeadScoring.Functions.Http.Problems;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>
/// The opening that <c>GET /results</c> and <c>/results/export</c> share: the parsed query and the offer it reads,
/// or the problem that answers the request instead.
/// </summary>
public sealed record ResultsRequest(ResultsQuery? Query, Offer? Offer, ProblemHttpResult? Problem)
{
    [MemberNotNullWhen(true, nameof(Query), nameof(Offer))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Found => Query is not null && Offer is not null;

    public static async Task<ResultsRequest> ReadAsync(HttpRequest request, OfferTable offers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ResultsQuery.TryParse(request.Query, out var query, out var errors)) return new(null, null, ResultProblems.InvalidQuery(errors));
        var offer = await RequestedOffer.FindAsync(offers, query.OfferId, cancellationToken);
        return offer.Found ? new(query, offer.Offer, null) : new(null, null, offer.Problem);
    }
}
