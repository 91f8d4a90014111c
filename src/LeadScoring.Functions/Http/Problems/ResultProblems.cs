using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Problems;

public static class ResultProblems
{
    public static ProblemHttpResult InvalidQuery(IDictionary<string, string[]> errors) => HttpProblems.Validation(
        errors,
        title: "Invalid query",
        detail: "Some query parameters are invalid: " + string.Join(", ", errors.Keys) + ".");
}
