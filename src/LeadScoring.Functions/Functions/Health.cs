using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

public sealed class Health
{
    [Function(nameof(Health))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        TypedResults.Ok(new { status = "ok" });
}
