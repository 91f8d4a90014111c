using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http;

public static class ResultProblems
{
    public static ValidationProblem InvalidQuery(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors,
        title: "Invalid query",
        detail: "Some query parameters are invalid: " + string.Join(", ", errors.Keys) + ".");
}
