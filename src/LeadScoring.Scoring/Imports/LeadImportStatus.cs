namespace LeadScoring.Scoring.Imports;

public enum LeadImportStatus
{
    /// <summary>The file was read; good rows are stored, bad rows reported.</summary>
    Imported,

    /// <summary>The file as a whole is unusable (or stopped being readable part-way); nothing is stored.</summary>
    InvalidFile,

    /// <summary>The file is larger than <see cref="UploadOptions.MaxBytes"/>; nothing is stored.</summary>
    TooLarge,
}
