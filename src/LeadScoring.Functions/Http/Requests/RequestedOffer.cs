using LeadScoring.Functions.Http.Problems;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>
/// The offer a request names in <c>offer_id</c> (the latest when it names none), or the problem that answers the
/// request instead: 400 for an id that cannot exist, 404 for an unknown one, 409 while no offer exists yet.
/// </summary>
public static class RequestedOffer
{
    public static async Task<RequestValue<Offer>> FindAsync(OfferTable offers, string? offerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offers);
        if (offerId is not null && !TableKey.IsValidId(offerId)) return new(HttpProblems.InvalidId("offer_id", offerId));
        var lookup = await offers.FindAsync(offerId, cancellationToken);
        return lookup.Offer is { } offer ? new(offer) : new(OfferProblems.From(lookup));
    }
}
