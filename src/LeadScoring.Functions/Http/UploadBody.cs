using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LeadScoring.Functions.Http;

/// <summary>
/// Finds the CSV in an upload without buffering it: the multipart section named "file" (read with
/// <see cref="MultipartReader"/>, because form reading would spool files over 64 KB to disk first) or a raw
/// text/csv body. Either way the returned stream reads straight from the request.
/// </summary>
public sealed record UploadBody(Stream? Csv, ProblemHttpResult? Problem)
{
    private const string FileField = "file";

    [MemberNotNullWhen(true, nameof(Csv))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Found => Csv is not null;

    public static async Task<UploadBody> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)) return new(null, LeadProblems.UnsupportedMediaType(request.ContentType));
        if (media.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("application/csv", StringComparison.OrdinalIgnoreCase))
        {
            return new(request.Body, null);
        }

        if (!media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, LeadProblems.UnsupportedMediaType(request.ContentType));
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return new(null, LeadProblems.MalformedMultipart());
        return await FindFileAsync(new MultipartReader(boundary, request.Body), cancellationToken);
    }

    private static async Task<UploadBody> FindFileAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            // Other fields are skipped (the reader drains a section when asked for the next one).
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    && HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FileField, StringComparison.Ordinal))
                {
                    return new(section.Body, null);
                }
            }

            return new(null, LeadProblems.MissingFile());
        }
        catch (InvalidDataException)
        {
            return new(null, LeadProblems.MalformedMultipart());
        }
        catch (IOException)
        {
            return new(null, LeadProblems.MalformedMultipart());
        }
    }
}
