using LeadScoring.Functions.Http;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class GetUpload(UploadTable uploads)
{
    [Function(nameof(GetUpload))]
    public async Task<Results<Ok<UploadRecord>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "uploads/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(id)) return HttpProblems.InvalidId("id", id);
        return await uploads.GetAsync(id, cancellationToken) is { } upload ? TypedResults.Ok(upload) : UploadProblems.NotFound(id);
    }
}
