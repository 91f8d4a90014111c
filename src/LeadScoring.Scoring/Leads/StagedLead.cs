using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Scoring.Leads;

/// <summary>An accepted row of a staged file: its line, the lead as it will be stored, and what became of it when the file says.</summary>
public sealed record StagedLead(long Line, Lead Lead)
{
    public OutcomeReading? Outcome { get; init; }
}
