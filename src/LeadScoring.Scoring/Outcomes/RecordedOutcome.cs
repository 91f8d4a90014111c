namespace LeadScoring.Scoring.Outcomes;

/// <summary>What became of one person for one offer, as recorded (the latest report wins).</summary>
public sealed record RecordedOutcome(string PersonId, OutcomeReading Reading, DateTimeOffset RecordedAt);
