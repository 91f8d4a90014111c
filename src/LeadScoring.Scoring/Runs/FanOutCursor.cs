namespace LeadScoring.Scoring.Runs;

/// <summary>
/// How far a run's fan-out of one upload got: the next line to queue, the leads it queued so far, how many more than
/// the run expected it has owned up to (<see cref="Excess"/>), and the version of the stored cursor it was read from
/// (opaque: the storage's ETag; null before the first step), which the next write is conditioned on.
/// </summary>
public sealed record FanOutCursor(long NextLine, string? Version)
{
    public int Sent { get; init; }

    public int Excess { get; init; }

    /// <summary>The upload's last line and the leads the run expects of it, as the start wrote them (kept on every write).</summary>
    public long? LastLine { get; init; }

    public int? Expected { get; init; }
}
