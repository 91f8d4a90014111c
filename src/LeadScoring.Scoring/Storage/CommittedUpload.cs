namespace LeadScoring.Scoring.Storage;

/// <summary>An upload whose leads are all stored: lines run from 1 to <see cref="LastLine"/>, with gaps where rows were rejected.</summary>
public sealed record CommittedUpload(string UploadId, int Inserted, long LastLine);
