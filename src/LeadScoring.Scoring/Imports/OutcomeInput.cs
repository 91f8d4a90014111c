using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Scoring.Imports;

/// <summary>One row of outcomes: its line (or position), the lead fields that name the person, and its outcome or why it has none.</summary>
public sealed record OutcomeInput(long Line, Lead? Lead, OutcomeReading? Outcome, string? Problem);
