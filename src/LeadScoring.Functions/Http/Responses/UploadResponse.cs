using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// Answer of <c>POST /leads/upload</c>: the seed's {"inserted": n} (new people) with the people updated and unchanged,
/// the rejected rows (first 1,000 listed, <see cref="RejectedTotal"/> counts all), the stored rows with a warning (a
/// blank name), the rows repeating a person of the file, the rows kept apart from a possible duplicate, what the file
/// as a whole lacks, the outcomes its outcome columns stated (and the offer they were recorded for), the upload id (every file read is an upload), the encoding the file was read in, and which of its
/// columns each lead field came from. <see cref="Status"/> is "importing" for a large file answered with 202 before its
/// leads are stored: <c>GET /uploads/{id}</c> follows it.
/// </summary>
public sealed record UploadResponse(
    int Inserted,
    IReadOnlyList<RejectedRowResponse> Rejected,
    int RejectedTotal,
    string UploadId,
    IReadOnlyList<RejectedRowResponse> Warnings,
    int WarningsTotal,
    CsvTextEncoding Encoding,
    IReadOnlyDictionary<string, string> Columns,
    int Updated,
    int Unchanged,
    IReadOnlyList<RejectedRowResponse> Duplicates,
    int DuplicatesTotal,
    UploadStatus Status,
    long Rows,
    IReadOnlyList<PossibleDuplicateResponse> PossibleDuplicates,
    int PossibleDuplicatesTotal,
    IReadOnlyList<FileWarningResponse> FileWarnings,
    UploadOutcomesResponse? Outcomes)
{
    public static UploadResponse From(LeadImportReport report) => new(
        report.Inserted, [.. report.Rejected.Select(RejectedRowResponse.From)], report.RejectedTotal, report.UploadId,
        [.. report.Warnings.Select(RejectedRowResponse.From)], report.WarningsTotal, report.Encoding, report.Columns,
        report.Updated, report.Unchanged, [.. report.Duplicates.Select(RejectedRowResponse.From)], report.DuplicatesTotal, report.Status, report.Rows,
        [.. report.PossibleDuplicates.Select(PossibleDuplicateResponse.From)], report.PossibleDuplicatesTotal,
        [.. report.FileWarnings.Select(FileWarningResponse.From)], report.Outcomes is { } outcomes ? UploadOutcomesResponse.From(outcomes) : null);
}
