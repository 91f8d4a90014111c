namespace LeadScoring.Scoring.Runs;

/// <summary>
/// Progress of a scoring run: done once every queued lead is scored or failed. <see cref="Redriven"/> counts the
/// leads the sweeper sent again because the run had stalled (their first message was held by an instance that died).
/// </summary>
public sealed record RunStatus(
    string RunId,
    string OfferId,
    int Queued,
    int Scored,
    int Failed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<RunFailure> Failures,
    RunAiFigures Ai,
    int Redriven = 0)
{
    public bool Done => Scored + Failed >= Queued;
}
