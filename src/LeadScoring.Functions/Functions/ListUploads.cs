using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class ListUploads(UploadTable uploads)
{
    [Function(nameof(ListUploads))]
    public async Task<Ok<IReadOnlyList<UploadRecordResponse>>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "uploads")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<UploadRecordResponse>>((await uploads.ListAsync(cancellationToken)).Select(UploadRecordResponse.From).ToList());
}
