using LeadScoring.Scoring.Runs;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// Answer of <c>GET /score/runs/{runId}</c>: the run's progress (done once every queued lead is scored or failed), the
/// leads it could not score, what its AI half did and spent, and what the sweeper sent again after a stall.
/// </summary>
public sealed record RunStatusResponse(
    string RunId,
    string OfferId,
    int Queued,
    int Scored,
    int Failed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<RunFailureResponse> Failures,
    RunAiFiguresResponse Ai,
    RunRedrivesResponse Redriven,
    bool Done)
{
    public static RunStatusResponse From(RunStatus status) => new(
        status.RunId, status.OfferId, status.Queued, status.Scored, status.Failed, status.CreatedAt, status.CompletedAt,
        [.. status.Failures.Select(RunFailureResponse.From)], RunAiFiguresResponse.From(status.Ai), RunRedrivesResponse.From(status.Redriven),
        status.Done);
}
