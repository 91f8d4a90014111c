using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class GetUpload(UploadTable uploads, ImportStore staging)
{
    [Function(nameof(GetUpload))]
    public async Task<Results<Ok<UploadRecordResponse>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "uploads/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(id)) return HttpProblems.InvalidId("id", id);
        if (await uploads.GetAsync(id, cancellationToken) is not { } upload) return UploadProblems.NotFound(id);
        // Findings are kept when the file had any (an inline import with nothing to say writes none).
        var findings = await staging.ReadFindingsAsync(id, cancellationToken) ?? new ImportFindings([], [], []);
        return TypedResults.Ok(UploadRecordResponse.From(upload with { Findings = findings }));
    }
}
