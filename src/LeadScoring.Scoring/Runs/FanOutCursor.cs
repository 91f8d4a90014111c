using Azure;

namespace LeadScoring.Scoring.Runs;

/// <summary>How far a run's fan-out of one upload got: the next line to queue, and the ETag it was read with.</summary>
public sealed record FanOutCursor(long NextLine, ETag ETag);
