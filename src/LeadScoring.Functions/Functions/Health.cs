using LeadScoring.Functions.Http;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class Health(StorageHealth storage)
{
    [Function(nameof(Health))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await storage.CheckAsync(cancellationToken) is { } reason
            ? HealthProblems.StorageUnavailable(reason)
            : TypedResults.Ok(new HealthResponse("ok"));
}
