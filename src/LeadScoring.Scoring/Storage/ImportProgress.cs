using Azure;

namespace LeadScoring.Scoring.Storage;

/// <summary>A background import as its upload's row holds it: the next step stores part <see cref="PartsDone"/>.</summary>
public sealed record ImportProgress(string UploadId, int Parts, int PartsDone, UploadStatus Status, ETag ETag);
