using LeadScoring.Functions.Http.Requests;
using LeadScoring.Scoring.Offers;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>An offer on the wire; <see cref="Keywords"/> lists only the tables the offer overrides.</summary>
public sealed record OfferResponse(
    string Id,
    string Name,
    TextOrList ValueProps,
    TextOrList IdealUseCases,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Keywords)
{
    public static OfferResponse From(Offer offer)
    {
        var keywords = new Dictionary<string, IReadOnlyList<string>>();
        Add(keywords, "decision_makers", offer.Keywords.DecisionMakers);
        Add(keywords, "senior_roles", offer.Keywords.SeniorRoles);
        Add(keywords, "influencers", offer.Keywords.Influencers);
        Add(keywords, "target_industries", offer.Keywords.TargetIndustries);
        Add(keywords, "adjacent_industries", offer.Keywords.AdjacentIndustries);
        Add(keywords, "neutral_industries", offer.Keywords.NeutralIndustries);
        return new OfferResponse(
            offer.Id, offer.Name, TextOrList.Of(offer.ValueProps, offer.ValuePropsList), TextOrList.Of(offer.IdealUseCases, offer.IdealUseCasesList),
            offer.CreatedAt, keywords);
    }

    private static void Add(Dictionary<string, IReadOnlyList<string>> keywords, string name, IReadOnlyList<string>? list)
    {
        if (list is not null) keywords[name] = list;
    }
}
