namespace LeadScoring.Scoring.Imports;

/// <summary>Thrown by <see cref="SizeLimitedStream"/> from inside the CSV reader; the importer turns it into <see cref="LeadImportStatus.TooLarge"/>.</summary>
internal sealed class UploadTooLargeException(long maxBytes) : Exception($"The upload exceeds {maxBytes} bytes.");
