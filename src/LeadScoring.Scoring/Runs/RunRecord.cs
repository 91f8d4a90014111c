using Azure;

namespace LeadScoring.Scoring.Runs;

/// <summary>The head row of a run as stored.</summary>
internal sealed record RunRecord(string RunId, string OfferId, int Queued, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, ETag ETag);
