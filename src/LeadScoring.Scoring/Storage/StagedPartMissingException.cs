namespace LeadScoring.Scoring.Storage;

/// <summary>A staged part of a background import is not in Blob Storage: the import cannot go on.</summary>
public sealed class StagedPartMissingException(string uploadId, int part)
    : Exception($"Part {part} of upload {uploadId} is not staged.")
{
    public int Part { get; } = part;
}
