namespace LeadScoring.Scoring.Runs;

/// <summary>A lead a run could not score, and why.</summary>
public sealed record RunFailure(string LeadId, string Error);
