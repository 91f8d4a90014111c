namespace LeadScoring.Functions.Http;

public sealed record HealthResponse(string Status);
