using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Leads;

/// <summary>
/// What reading a file found besides its leads, as the upload's answer lists it and <c>GET /uploads/{id}</c> gives it
/// back: rejected rows, rows stored with a warning, rows repeating a person of the file, rows kept apart from a
/// possible duplicate, and what the file as a whole lacks.
/// </summary>
public sealed record ImportFindings(
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<RejectedRow> Warnings,
    IReadOnlyList<RejectedRow> Duplicates)
{
    public IReadOnlyList<PossibleDuplicate> PossibleDuplicates { get; init; } = [];

    public IReadOnlyList<FileWarning> FileWarnings { get; init; } = [];

    [JsonIgnore]
    public bool IsEmpty => Rejected.Count == 0 && Warnings.Count == 0 && Duplicates.Count == 0 && PossibleDuplicates.Count == 0 && FileWarnings.Count == 0;
}
