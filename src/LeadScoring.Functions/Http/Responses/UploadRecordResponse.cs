using System.Text.Json.Serialization;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// An upload as <c>GET /uploads</c> lists it and <c>GET /uploads/{id}</c> gives it: the file, when it came, where its
/// import is and what it stored. <see cref="Findings"/> only in <c>GET /uploads/{id}</c> (left out of the list).
/// </summary>
public sealed record UploadRecordResponse(
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
    CsvTextEncoding Encoding,
    UploadStatus Status,
    long Rows,
    long RowsImported,
    int PossibleDuplicates,
    string? Failure,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImportFindingsResponse? Findings)
{
    public static UploadRecordResponse From(UploadRecord upload) => new(
        upload.UploadId, upload.FileName, upload.CreatedAt, upload.CommittedAt, upload.Inserted, upload.Updated, upload.Unchanged,
        upload.Rejected, upload.Warnings, upload.Duplicates, upload.Encoding, upload.Status, upload.Rows, upload.RowsImported,
        upload.PossibleDuplicates, upload.Failure, upload.Findings is { } findings ? ImportFindingsResponse.From(findings) : null);
}
