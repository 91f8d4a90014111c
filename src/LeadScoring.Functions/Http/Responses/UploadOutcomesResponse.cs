using LeadScoring.Scoring.Imports;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// The outcomes a lead file's outcome columns stated: how many rows said what became of the lead, by kind, and the
/// offer they were recorded for (null, with a note, when none exists yet).
/// </summary>
public sealed record UploadOutcomesResponse(string? OfferId, int Rows, int Positive, int Negative, int Open, string? Note)
{
    public static UploadOutcomesResponse From(UploadOutcomes outcomes) => new(outcomes.OfferId, outcomes.Rows, outcomes.Positive, outcomes.Negative, outcomes.Open, outcomes.Note);
}
