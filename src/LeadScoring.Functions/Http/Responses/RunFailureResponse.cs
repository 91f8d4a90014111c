using LeadScoring.Scoring.Runs;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>A lead a run could not score, and why.</summary>
public sealed record RunFailureResponse(string LeadId, string Error)
{
    public static RunFailureResponse From(RunFailure failure) => new(failure.LeadId, failure.Error);
}
