using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http;

/// <summary>Problems (RFC 9457) about the request itself: body, content type, size, ids.</summary>
public static class HttpProblems
{
    public static ProblemHttpResult MalformedJson(long line, long position) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Malformed JSON",
        detail: $"The request body is not valid JSON (line {line}, byte {position}).");

    public static ProblemHttpResult NotAnObject(JsonValueKind kind) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Malformed JSON",
        detail: $"The request body must be a JSON object, not {kind.ToString().ToLowerInvariant()}.");

    public static ValidationProblem WrongType(string field) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [$"The field '{field}' has the wrong type."] },
        title: "Invalid field type",
        detail: $"The field '{field}' has the wrong type.");

    public static ValidationProblem InvalidFields(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors,
        title: "Invalid request",
        detail: "Some fields are missing or invalid: " + string.Join(", ", errors.Keys) + ".");

    /// <summary>An id that cannot exist: empty, too long, or with characters Table Storage keys cannot hold (/ \ # ? control).</summary>
    public static ValidationProblem InvalidId(string field, string? value) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [$"'{field}' must be 1-200 characters without / \\ # ? or control characters."] },
        title: "Invalid id",
        detail: $"The {field} is not a valid id.");

    public static ProblemHttpResult UnsupportedMediaType(string? contentType, string expected) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type",
        detail: $"Content type '{contentType ?? "(none)"}' is not supported here; send {expected}.");

    public static ProblemHttpResult BodyTooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"The request body is larger than the limit of {maxBytes} bytes.");

    /// <summary>An unexpected failure: no exception text (it may carry internals); the traceId finds the log entry.</summary>
    public static ProblemHttpResult Unexpected() => TypedResults.Problem(
        statusCode: StatusCodes.Status500InternalServerError,
        title: "Unexpected error",
        detail: "The request failed unexpectedly. Quote the traceId when reporting it.");
}
