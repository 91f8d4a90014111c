using System.Diagnostics.CodeAnalysis;
using LeadScoring.Functions.Http.Problems;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>
/// The offer a request names in <c>offer_id</c> (the latest when it names none), or the problem that answers the
/// request instead: 400 for an id that cannot exist, 404 for an unknown one, 409 while no offer exists yet.
/// </summary>
public sealed record RequestedOffer(Offer? Offer, ProblemHttpResult? Problem)
{
    [MemberNotNullWhen(true, nameof(Offer))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Found => Offer is not null;

    public static async Task<RequestedOffer> FindAsync(OfferTable offers, string? offerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offers);
        if (offerId is not null && !TableKey.IsValidId(offerId)) return new(null, HttpProblems.InvalidId("offer_id", offerId));
        var lookup = await offers.FindAsync(offerId, cancellationToken);
        return lookup.Offer is { } offer ? new(offer, null) : new(null, OfferProblems.From(lookup));
    }
}
