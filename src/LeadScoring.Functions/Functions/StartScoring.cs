using LeadScoring.Functions.Http;
using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Http.Requests;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Pipeline;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class StartScoring(OfferTable offers, RunPlanner planner)
{
    [Function(nameof(StartScoring))]
    public async Task<Results<Accepted<RunStartedResponse>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "score")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var read = await JsonRequest.ReadAsync(request, LeadScoringJsonContext.Default.StartScoringRequest, cancellationToken);
        if (!read.TryGetValue(out var body, out var problem)) return problem;
        var start = body ?? new StartScoringRequest();

        var requested = await RequestedOffer.FindAsync(offers, start.OfferId, cancellationToken);
        if (!requested.TryGetValue(out var offer, out var offerProblem)) return offerProblem;
        try
        {
            var run = await planner.StartAsync(offer, start.Rescore ?? false, cancellationToken);
            return TypedResults.Accepted($"/score/runs/{run.RunId}", RunStartedResponse.From(run));
        }
        catch (RunStartFailedException e)
        {
            // Rolled back and logged by the planner: what was not queued is free again, so the client may retry.
            return RunProblems.StartInterrupted(e.RunId, e.Queued);
        }
    }
}
