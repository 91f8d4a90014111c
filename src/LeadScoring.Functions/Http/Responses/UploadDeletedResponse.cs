using LeadScoring.Scoring.Imports;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>Answer of <c>DELETE /uploads/{id}</c>: what deleting the upload removed.</summary>
public sealed record UploadDeletedResponse(string UploadId, int LeadsDeleted, int ResultsDeleted)
{
    public static UploadDeletedResponse From(UploadDeleted deleted) => new(deleted.UploadId, deleted.LeadsDeleted, deleted.ResultsDeleted);
}
