using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http;

public static class RunProblems
{
    public static ProblemHttpResult NotFound(string runId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Run not found",
        detail: $"There is no scoring run with id '{runId}'. POST /score answers with the run's Location.");
}
