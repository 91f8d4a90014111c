namespace LeadScoring.Scoring.Imports;

/// <summary>
/// What an upload stored. <see cref="Rejected"/> lists the first <see cref="LeadImporter.MaxRejectedListed"/>
/// rejected rows; <see cref="RejectedTotal"/> counts them all.
/// </summary>
public sealed record LeadImportReport(string? UploadId, int Inserted, IReadOnlyList<RejectedRow> Rejected, int RejectedTotal);
