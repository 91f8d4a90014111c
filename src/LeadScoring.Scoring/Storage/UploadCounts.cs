namespace LeadScoring.Scoring.Storage;

/// <summary>What an import found, as the upload's row keeps it. <see cref="Stored"/> leads are what a run queues.</summary>
public sealed record UploadCounts(int Inserted, int Updated, int Unchanged, int Rejected, int Warnings, int Duplicates)
{
    public int Stored => Inserted + Updated;

    /// <summary>Rows kept apart from another row or a stored person with the same name and company.</summary>
    public int PossibleDuplicates { get; init; }
}
