using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http;

public static class HealthProblems
{
    public static ProblemHttpResult StorageUnavailable(string reason) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Storage unavailable",
        detail: reason);
}
