namespace LeadScoring.Scoring.Runs;

/// <summary>Progress of a scoring run: done once every queued lead is scored or failed.</summary>
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
    public bool Done => Scored + Failed >= Queued;
}
