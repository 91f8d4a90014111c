namespace LeadScoring.Functions.Http.Responses;

/// <summary>Recorded outcomes by kind: converted, not converted, still open.</summary>
public sealed record OutcomeCountsResponse(int Positive, int Negative, int Open);
