using LeadScoring.Functions.Http.Requests;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class ExportResults(OfferTable offers, ResultTable results)
{
    public const string FileName = "lead_scores.csv";

    [Function(nameof(ExportResults))]
    public async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "results/export")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var read = await ResultsRequest.ReadAsync(request, offers, cancellationToken);
        if (!read.TryGetValue(out var opened, out var problem)) return problem;

        var rows = results.QueryAsync(opened.Offer.Id, opened.Query.Filter, cancellationToken).Select(result => (result.Scored, result.Likelihood));
        return TypedResults.Stream(csv => ResultCsvWriter.WriteAsync(csv, rows, cancellationToken), "text/csv; charset=utf-8", FileName);
    }
}
