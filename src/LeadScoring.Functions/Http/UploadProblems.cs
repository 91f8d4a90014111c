using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http;

public static class UploadProblems
{
    public static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Upload not found",
        detail: $"There is no upload with id '{id}'. GET /uploads lists the uploads.");
}
