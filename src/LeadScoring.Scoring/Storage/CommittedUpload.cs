namespace LeadScoring.Scoring.Storage;

/// <summary>
/// An upload whose leads are all stored: <see cref="Leads"/> of them (new and updated people), on lines from 1 to
/// <see cref="LastLine"/> with gaps where rows were rejected, repeated or unchanged.
/// </summary>
public sealed record CommittedUpload(string UploadId, int Leads, long LastLine);
