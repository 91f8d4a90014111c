using LeadScoring.Functions.Http;
using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Http.Requests;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Outcomes;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class RecordOutcomes(OfferTable offers, OutcomeImporter importer)
{
    [Function(nameof(RecordOutcomes))]
    public async Task<Results<Ok<OutcomesResponse>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "outcomes")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var requested = await RequestedOffer.FindAsync(offers, request.Query["offer_id"].FirstOrDefault(), cancellationToken);
        if (!requested.TryGetValue(out var offer, out var problem)) return problem;
        if (JsonRequest.IsJson(request.ContentType))
        {
            var read = await JsonRequest.ReadAsync(request, LeadScoringJsonContext.Default.OutcomeItemArray, cancellationToken);
            if (!read.TryGetValue(out var body, out var bodyProblem)) return bodyProblem;
            var items = (body ?? []).Select((item, i) => Input(i + 1, item)).ToList();
            return TypedResults.Ok(OutcomesResponse.From(await importer.ImportAsync(offer.Id, items, cancellationToken)));
        }

        if (request.ContentLength > importer.MaxBytes) return LeadProblems.TooLarge(importer.MaxBytes);
        var opened = await UploadBody.OpenAsync(request, cancellationToken);
        if (!opened.TryGetValue(out var upload, out var uploadProblem)) return uploadProblem;
        if (!UploadMapping.Parse(upload.MappingField ?? request.Query[UploadMapping.Field]).TryGetValue(out var mapping, out var mappingProblem)) return mappingProblem;
        var recorded = await importer.ImportCsvAsync(offer.Id, upload.Csv, mapping, cancellationToken);
        return recorded.Report is { } report
            ? TypedResults.Ok(OutcomesResponse.From(report))
            : LeadProblems.InvalidFile(recorded.FileError!, recorded.FileErrorLine);
    }

    private static OutcomeInput Input(long position, OutcomeItem item)
    {
        var lead = new Lead("", "", "", "", "", "", "")
        {
            Email = item.Email?.Trim() ?? "",
            LinkedinUrl = item.LinkedinUrl?.Trim() ?? "",
            // A lead id is looked up as one; the importer tells it from a CRM's record id by its form.
            RecordId = (item.LeadId ?? item.RecordId)?.Trim() ?? "",
        };
        if (string.IsNullOrWhiteSpace(item.Outcome)) return new OutcomeInput(position, lead, null, "the item has no outcome");
        if (OutcomeValues.IsNoOutcome(item.Outcome)) return new OutcomeInput(position, lead, null, "a deleted deal records no outcome; what was recorded for the person stays");
        return OutcomeValues.Read(item.Outcome, convertedColumn: false) is { } kind
            ? new OutcomeInput(position, lead, new OutcomeReading(kind, item.Outcome.Trim(), "outcome"), null)
            : new OutcomeInput(position, lead, null, $"the outcome '{item.Outcome.Trim()}' is not a value the service reads (see the outcome table in docs/outcomes.md)");
    }
}
