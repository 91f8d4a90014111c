namespace LeadScoring.Scoring.Runs;

/// <summary>
/// A run's fan-out of one upload: lines before <see cref="NextLine"/> are queued; the upload ends at
/// <see cref="LastLine"/>, and the run expected <see cref="Expected"/> of its leads when it started (both null for runs
/// started before they were written at the start).
/// </summary>
public sealed record UploadFanOut(string UploadId, long NextLine, long? LastLine, int? Expected)
{
    public bool Finished => LastLine is { } last && NextLine > last;
}
