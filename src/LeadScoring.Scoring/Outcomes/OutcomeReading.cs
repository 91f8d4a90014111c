namespace LeadScoring.Scoring.Outcomes;

/// <summary>An outcome as a row states it: what it counts as, the value as written, and the column it came from.</summary>
public sealed record OutcomeReading(OutcomeKind Kind, string Value, string Column);
