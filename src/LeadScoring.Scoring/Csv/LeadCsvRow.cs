using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Csv;

/// <summary>One data row of an uploaded file: a lead (Id still empty), or the reason the row was rejected.</summary>
public sealed record LeadCsvRow(long Line, Lead? Lead, string? Error);
