using LeadScoring.Scoring.Offers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Problems;

public static class OfferProblems
{
    public static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Offer not found",
        detail: $"There is no offer with id '{id}'. GET /offers lists the offers.");

    public static ProblemHttpResult NoOffersYet() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "No offer yet",
        detail: "No offer exists yet. Create one with POST /offer first, then score or read results.");

    /// <summary>The problem for a lookup that found no offer.</summary>
    public static ProblemHttpResult From(OfferLookup lookup) =>
        lookup.RequestedId is { } id ? NotFound(id) : NoOffersYet();
}
