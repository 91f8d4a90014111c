
namespace LeadScoring.Scoring.Leads;

/// <summary>An accepted row of a staged file: its line and the lead as it will be stored.</summary>
public sealed record StagedLead(long Line, Lead Lead);
