namespace LeadScoring.Scoring.Leads;

/// <summary>A data row of an upload that was not stored, and why.</summary>
public sealed record RejectedRow(long Line, string Error);
