using Azure;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// A background import as its upload's row holds it: the next step stores part <see cref="PartsDone"/>;
/// <see cref="ChangedAt"/> is when the row last changed (a part was recorded).
/// </summary>
public sealed record ImportProgress(string UploadId, int Parts, int PartsDone, UploadStatus Status, ETag ETag)
{
    public DateTimeOffset? ChangedAt { get; init; }
}
