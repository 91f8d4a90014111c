using LeadScoring.Scoring.Leads;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// What reading a file found besides its leads, as <c>GET /uploads/{id}</c> gives it back: rejected rows, rows stored
/// with a warning, rows repeating a person of the file, rows kept apart from a possible duplicate, and what the file lacks.
/// </summary>
public sealed record ImportFindingsResponse(
    IReadOnlyList<RejectedRowResponse> Rejected,
    IReadOnlyList<RejectedRowResponse> Warnings,
    IReadOnlyList<RejectedRowResponse> Duplicates,
    IReadOnlyList<PossibleDuplicateResponse> PossibleDuplicates,
    IReadOnlyList<FileWarningResponse> FileWarnings)
{
    public static ImportFindingsResponse From(ImportFindings findings) => new(
        [.. findings.Rejected.Select(RejectedRowResponse.From)],
        [.. findings.Warnings.Select(RejectedRowResponse.From)],
        [.. findings.Duplicates.Select(RejectedRowResponse.From)],
        [.. findings.PossibleDuplicates.Select(PossibleDuplicateResponse.From)],
        [.. findings.FileWarnings.Select(FileWarningResponse.From)]);
}
