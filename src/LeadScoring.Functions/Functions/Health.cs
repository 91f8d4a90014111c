using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LeadScoring.Functions.Functions;

/// <summary>200 while storage answers, whatever the AI's state (scoring goes on with the fallback); 503 when it does not.</summary>
public sealed class Health(StorageHealth storage, IntentClassifier classifier, AiBreaker breaker, IOptions<GeminiOptions> gemini)
{
    [Function(nameof(Health))]
    public async Task<Results<Ok<HealthResponse>, RetryAfterResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await storage.CheckAsync(cancellationToken) is { } reason
            ? HealthProblems.StorageUnavailable(reason)
            : TypedResults.Ok(new HealthResponse("ok", AiHealthResponse.Of(classifier, breaker, gemini.Value)));
}
