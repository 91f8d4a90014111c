namespace LeadScoring.Scoring.Pipeline;

/// <summary>A run that was created and fanned out: how many leads it queued.</summary>
public sealed record RunStarted(string RunId, string OfferId, int Queued);
