namespace LeadScoring.Functions.Http.Responses;

public sealed record OfferCreatedResponse(string Id);
