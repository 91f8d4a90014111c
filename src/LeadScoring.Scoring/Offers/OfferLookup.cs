namespace LeadScoring.Scoring.Offers;

/// <summary>
/// The offer a request asked for: the named one, or the latest when none was named.
/// <see cref="Offer"/> is null when the named offer does not exist (<see cref="RequestedId"/> set) or no offer exists yet.
/// </summary>
public sealed record OfferLookup(Offer? Offer, string? RequestedId)
{
    public bool NoOffersYet => Offer is null && RequestedId is null;
}
