namespace LeadScoring.Scoring.Learning;

/// <summary>A scored lead with a known outcome (<see cref="LeadFeatures.Label"/>), its person and its current score.</summary>
public sealed record LabelledLead(string PersonId, LeadFeatures Features, int Score);
