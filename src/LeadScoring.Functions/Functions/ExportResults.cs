using LeadScoring.Functions.Http;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class ExportResults(OfferTable offers, ResultTable results)
{
    public const string FileName = "lead_scores.csv";

    [Function(nameof(ExportResults))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "results/export")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!ResultsQuery.TryParse(request.Query, out var query, out var errors)) return ResultProblems.InvalidQuery(errors);
        var lookup = await offers.FindAsync(query.OfferId, cancellationToken);
        if (lookup.Offer is not { } offer) return OfferProblems.From(lookup);

        var rows = results.QueryAsync(offer.Id, query.Filter, cancellationToken).Select(result => result.Scored);
        return TypedResults.Stream(csv => ResultCsvWriter.WriteAsync(csv, rows, cancellationToken), "text/csv; charset=utf-8", FileName);
    }
}
