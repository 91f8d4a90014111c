using LeadScoring.Scoring.Csv;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Problems;

public static class LeadProblems
{
    public static ProblemHttpResult MissingFile() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Missing file",
        detail: "Send the CSV as a multipart form field named 'file' (curl -F \"file=@leads.csv\") or as a text/csv body.");

    public static ProblemHttpResult MalformedMultipart() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Malformed multipart body",
        detail: "The multipart/form-data body could not be read (missing or wrong boundary).");

    /// <summary>A file refused as a whole; with its line when known, and its columns when its header was the problem.</summary>
    public static ProblemHttpResult InvalidFile(string error, long? line, IReadOnlyList<string>? columns = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (line is { } at) extensions["line"] = at;
        if (columns is { Count: > 0 })
        {
            extensions["columns"] = columns.ToArray();
            extensions["fields"] = LeadCsvColumns.FieldNames.ToArray();
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid CSV file",
            detail: (line is { } l ? $"Line {l}: {error}" : error) + " Nothing was stored.",
            extensions: extensions.Count > 0 ? extensions : null);
    }

    public static ProblemHttpResult IncompleteBody() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Incomplete upload",
        detail: "The request body ended before the file did (a cut-off upload, or a multipart part without its closing boundary). Nothing was stored.");

    public static ProblemHttpResult TooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "File too large",
        detail: $"The file is larger than the limit of {maxBytes} bytes. Nothing was stored; split the file and upload the parts.");

    public static ProblemHttpResult UnsupportedMediaType(string? contentType) =>
        HttpProblems.UnsupportedMediaType(contentType, "multipart/form-data with a 'file' field, or text/csv");
}
