namespace LeadScoring.Functions.Http;

public sealed record OfferCreatedResponse(string Id);
