using LeadScoring.Functions.Http;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using LeadScoring.Scoring.Pipeline;

namespace LeadScoring.Functions.Functions;

public sealed class StartScoring(OfferTable offers, RunPlanner planner)
{
    [Function(nameof(StartScoring))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "score")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonRequest.ReadAsync(request, LeadScoringJsonContext.Default.StartScoringRequest, cancellationToken);
        if (body.Problem is { } problem) return problem;
        var start = body.Value ?? new StartScoringRequest();
        if (start.OfferId is { } id && !TableKey.IsValidId(id)) return HttpProblems.InvalidId("offer_id", id);

        var lookup = await offers.FindAsync(start.OfferId, cancellationToken);
        if (lookup.Offer is not { } offer) return OfferProblems.From(lookup);
        try
        {
            var run = await planner.StartAsync(offer, start.Rescore ?? false, cancellationToken);
            return TypedResults.Accepted($"/score/runs/{run.RunId}", run);
        }
        catch (RunStartFailedException e)
        {
            // Rolled back and logged by the planner: what was not queued is free again, so the client may retry.
            return RunProblems.StartInterrupted(e.RunId, e.Queued);
        }
    }
}
