namespace LeadScoring.Scoring.Storage;

/// <summary>
/// An upload whose leads are all stored: <see cref="Leads"/> of them (new and updated people), on lines from 1 to
/// <see cref="LastLine"/> with gaps where rows were rejected, repeated or unchanged. <see cref="Supersedes"/> counts,
/// by upload, the versions of people this upload replaced with newer ones (those versions are marked in the leads table).
/// </summary>
public sealed record CommittedUpload(string UploadId, int Leads, long LastLine)
{
    public IReadOnlyDictionary<string, int> Supersedes { get; init; } = new Dictionary<string, int>();
}
