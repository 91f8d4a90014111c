using System.Text.Json;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Problems;

/// <summary>Problems (RFC 9457) about the request itself: body, content type, size, ids.</summary>
public static class HttpProblems
{
    public static ProblemHttpResult MalformedJson(long line, long position) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Malformed JSON",
        detail: $"The request body is not valid JSON (line {line}, byte {position}).");

    public static ProblemHttpResult NotAnObject(JsonValueKind kind, JsonValueKind expected = JsonValueKind.Object) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Malformed JSON",
        detail: $"The request body must be a JSON {(expected == JsonValueKind.Array ? "array" : "object")}, not {kind.ToString().ToLowerInvariant()}.");

    public static ProblemHttpResult WrongType(string field) => Validation(
        new Dictionary<string, string[]> { [field] = [$"The field '{field}' has the wrong type."] },
        title: "Invalid field type",
        detail: $"The field '{field}' has the wrong type.");

    public static ProblemHttpResult InvalidFields(IDictionary<string, string[]> errors) => Validation(
        errors,
        title: "Invalid request",
        detail: "Some fields are missing or invalid: " + string.Join(", ", errors.Keys) + ".");

    /// <summary>An id that cannot exist: empty, too long, or with characters Table Storage keys cannot hold (/ \ # ? control).</summary>
    public static ProblemHttpResult InvalidId(string field, string? value) => Validation(
        new Dictionary<string, string[]> { [field] = [$"'{field}' must be 1-200 characters without / \\ # ? or control characters."] },
        title: "Invalid id",
        detail: $"The {field} is not a valid id.");

    /// <summary>
    /// A 400 with the errors by field (RFC 9457 extension "errors"), as a <see cref="ProblemHttpResult"/> so that every
    /// function answers one problem type whatever went wrong.
    /// </summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string title, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = detail,
        });

    public static ProblemHttpResult UnsupportedMediaType(string? contentType, string expected) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type",
        detail: $"Content type '{contentType ?? "(none)"}' is not supported here; send {expected}.");

    public static ProblemHttpResult BodyTooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"The request body is larger than the limit of {maxBytes} bytes.");

    /// <summary>How long a client is asked to wait before retrying a request that storage could not serve.</summary>
    public static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Storage is unreachable or failing: nothing was changed that a retry would repeat wrongly, so ask for one.</summary>
    public static RetryAfterResult StorageUnavailable(string? detail = null) => new(
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Storage unavailable",
            detail: detail ?? "Storage could not be reached; nothing was changed. Retry after the time in Retry-After."),
        StorageRetryAfter);

    /// <summary>The answer to an exception no function handled: 503 when storage is away, otherwise a 500.</summary>
    public static IResult ForException(Exception exception) =>
        StorageFaults.IsUnavailable(exception) ? StorageUnavailable() : Unexpected();

    public static ProblemHttpResult NotFound(string path) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: $"No endpoint is at '/{path}'. docs/openapi.yaml lists the API.");

    public static ProblemHttpResult MethodNotAllowed(string method, string path, IReadOnlyCollection<string> allowed) => TypedResults.Problem(
        statusCode: StatusCodes.Status405MethodNotAllowed,
        title: "Method not allowed",
        detail: $"'/{path}' does not accept {method}; it accepts {string.Join(", ", allowed)}.");

    /// <summary>An unexpected failure: no exception text (it may carry internals); the traceId finds the log entry.</summary>
    public static ProblemHttpResult Unexpected() => TypedResults.Problem(
        statusCode: StatusCodes.Status500InternalServerError,
        title: "Unexpected error",
        detail: "The request failed unexpectedly. Quote the traceId when reporting it.");
}
