using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Http.Requests;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class UploadLeads(LeadImporter importer, OfferTable offers)
{
    [Function(nameof(UploadLeads))]
    public async Task<Results<Created<UploadResponse>, Accepted<UploadResponse>, Ok<UploadPreviewResponse>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "leads/upload")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength > importer.MaxBytes) return LeadProblems.TooLarge(importer.MaxBytes);
        var opened = await UploadBody.OpenAsync(request, cancellationToken);
        if (!opened.TryGetValue(out var upload, out var problem)) return problem;
        if (!UploadMapping.Parse(upload.MappingField ?? request.Query[UploadMapping.Field]).TryGetValue(out var mapping, out var mappingProblem)) return mappingProblem;
        if (IsTrue(upload.DryRunField ?? request.Query[UploadBody.DryRunName]))
        {
            var preview = await importer.PreviewAsync(upload.Csv, mapping, UploadPreviewResponse.PreviewRows, cancellationToken);
            return preview.FileError is { } error
                ? LeadProblems.InvalidFile(error, preview.FileErrorLine, preview.FileColumns)
                : TypedResults.Ok(UploadPreviewResponse.From(preview));
        }

        // The offer a file's outcome columns are recorded for, when one is named; by default the latest.
        var offerId = request.Query["offer_id"].FirstOrDefault();
        if (offerId is not null && !(await RequestedOffer.FindAsync(offers, offerId, cancellationToken)).TryGetValue(out _, out var offerProblem)) return offerProblem;

        // A file-level fault stores nothing; bad rows are reported beside the good ones.
        LeadImportOutcome outcome;
        try
        {
            outcome = await importer.ImportAsync(upload.Csv, mapping, upload.FileName, offerId, cancellationToken);
        }
        catch (IOException e)
        {
            // The body broke off mid-file (the importer has discarded what it wrote), or passed the server's own size limit.
            return e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } ? LeadProblems.TooLarge(importer.MaxBytes) : LeadProblems.IncompleteBody();
        }

        if (outcome.IsImported)
        {
            // 201 with the upload's address (every file read is an upload, also one that stored nothing new).
            // A large file is read and staged, and 202 says where to follow its background import.
            var answer = UploadResponse.From(outcome.Report);
            return answer.Status == UploadStatus.Importing
                ? TypedResults.Accepted($"/uploads/{answer.UploadId}", answer)
                : TypedResults.Created($"/uploads/{answer.UploadId}", answer);
        }

        return outcome.Status == LeadImportStatus.TooLarge
            ? LeadProblems.TooLarge(importer.MaxBytes)
            : LeadProblems.InvalidFile(outcome.FileError, outcome.FileErrorLine, outcome.Columns);
    }

    private static bool IsTrue(string? value) => value?.Trim().ToLowerInvariant() is "true" or "1" or "yes";
}
