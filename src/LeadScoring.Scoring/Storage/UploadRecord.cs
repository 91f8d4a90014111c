using System.Text.Json.Serialization;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// An upload as <c>GET /uploads</c> lists it: the file, when it came, where its import is, and what it stored so far.
/// <see cref="Rows"/> counts the accepted rows (stored, or unchanged), <see cref="RowsImported"/> those the import
/// has been through.
/// </summary>
public sealed record UploadRecord(
    string UploadId,
    string? FileName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CommittedAt,
    int Inserted,
    int Updated,
    int Unchanged,
    int Rejected,
    int Warnings,
    int Duplicates,
    CsvTextEncoding Encoding)
{
    public UploadStatus Status { get; init; } = UploadStatus.Imported;

    public long Rows { get; init; }

    public long RowsImported { get; init; }

    /// <summary>Rows kept apart from a row or a stored person with the same name and company.</summary>
    public int PossibleDuplicates { get; init; }

    /// <summary>Why the import failed (status failed), else null.</summary>
    public string? Failure { get; init; }

    /// <summary>
    /// The rows the read rejected, stored with a warning, found repeated or possibly repeated (first 1,000 of each),
    /// and what the file lacks, as the upload's answer gave them; given by <c>GET /uploads/{id}</c>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ImportFindings? Findings { get; init; }
}
