namespace LeadScoring.Scoring.Runs;

/// <summary>
/// Progress of a scoring run: done once every queued lead is scored or failed. <see cref="Redriven"/> counts the
/// leads and fan-out steps the sweeper sent again because the run had stalled (their messages were held by an instance that died).
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
    RunAiFigures Ai)
{
    public RunRedrives Redriven { get; init; } = RunRedrives.None;

    public bool Done => Scored + Failed >= Queued;
}
