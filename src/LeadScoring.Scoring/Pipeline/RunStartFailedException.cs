namespace LeadScoring.Scoring.Pipeline;

/// <summary>
/// A start failed (storage) and was rolled back: every upload it did not fully fan out is free again, so starting
/// again is safe and queues them. <see cref="RunId"/> is the run if one was created; it still counts the leads it
/// did fan out (<see cref="Queued"/>) and finishes on its own.
/// </summary>
public sealed class RunStartFailedException(string? runId, int queued, Exception innerException)
    : Exception("Scoring could not be started completely; the uploads not queued were released.", innerException)
{
    public string? RunId { get; } = runId;

    public int Queued { get; } = queued;
}
