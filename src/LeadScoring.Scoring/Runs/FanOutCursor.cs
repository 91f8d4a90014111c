using Azure;

namespace LeadScoring.Scoring.Runs;

/// <summary>
/// How far a run's fan-out of one upload got: the next line to queue, the leads it queued so far, how many more than
/// the run expected it has owned up to (<see cref="Excess"/>), and the ETag it was read with.
/// </summary>
public sealed record FanOutCursor(long NextLine, ETag ETag)
{
    public int Sent { get; init; }

    public int Excess { get; init; }
}
