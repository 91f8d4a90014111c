using LeadScoring.Scoring.Scores;

namespace LeadScoring.Scoring.Storage;

/// <summary>A stored score: the lead and its score for one offer, which run wrote it and when.</summary>
public sealed record LeadResult(ScoredLead Scored, string RunId, DateTimeOffset ScoredAt);
