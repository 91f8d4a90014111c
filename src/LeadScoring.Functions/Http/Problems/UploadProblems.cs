using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Problems;

public static class UploadProblems
{
    public static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Upload not found",
        detail: $"There is no upload with id '{id}'. GET /uploads lists the uploads.");

    public static ProblemHttpResult StillImporting(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Upload still importing",
        detail: $"Upload '{id}' is still being imported in the background; delete it once GET /uploads/{id} says imported or failed.");
}
