using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

/// <summary>Removes an upload's leads and their results for every offer; nothing else is touched.</summary>
public sealed class DeleteUpload(UploadDeleter deleter, UploadTable uploads)
{
    [Function(nameof(DeleteUpload))]
    public async Task<Results<Ok<UploadDeletedResponse>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "uploads/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(id)) return HttpProblems.InvalidId("id", id);
        // Its steps would go on storing after the delete; it can go once it is imported or has failed.
        if (await uploads.GetAsync(id, cancellationToken) is { Status: UploadStatus.Importing }) return UploadProblems.StillImporting(id);
        return await deleter.DeleteAsync(id, cancellationToken) is { } deleted ? TypedResults.Ok(UploadDeletedResponse.From(deleted)) : UploadProblems.NotFound(id);
    }
}
