using LeadScoring.Functions.Http.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>
/// Finds the CSV in an upload without buffering it: the multipart section named "file" (read with
/// <see cref="MultipartReader"/>, because form reading would spool files over 64 KB to disk first) or a raw
/// text/csv body. Either way the stream reads straight from the request.
/// </summary>
public sealed record UploadBody(Stream Csv)
{
    /// <summary>The <c>mapping</c> form field, when one came before the file.</summary>
    public string? MappingField { get; init; }

    /// <summary>The <c>dry_run</c> form field, when one came before the file.</summary>
    public string? DryRunField { get; init; }

    /// <summary>The file name the client gave the multipart file (for the uploads list); null for a raw body.</summary>
    public string? FileName { get; init; }

    private const string FileField = "file";

    /// <summary>The query parameter or form field that asks for a preview instead of an import.</summary>
    public const string DryRunName = "dry_run";

    /// <summary>The CSV with the form fields sent before it, or the problem that answers the request instead.</summary>
    public static async Task<RequestValue<UploadBody>> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)) return new(LeadProblems.UnsupportedMediaType(request.ContentType));
        if (media.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("application/csv", StringComparison.OrdinalIgnoreCase))
        {
            return new(new UploadBody(request.Body));
        }

        if (!media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return new(LeadProblems.UnsupportedMediaType(request.ContentType));
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return new(LeadProblems.MalformedMultipart());
        return await FindFileAsync(new MultipartReader(boundary, request.Body), cancellationToken);
    }

    private static async Task<RequestValue<UploadBody>> FindFileAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        string? mapping = null;
        string? dryRun = null;
        try
        {
            // Other fields are skipped (the reader drains a section when asked for the next one).
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name);
                if (name.Equals(FileField, StringComparison.Ordinal))
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    return new(new UploadBody(section.Body) { MappingField = mapping, DryRunField = dryRun, FileName = CleanFileName(fileName) });
                }

                if (name.Equals(UploadMapping.Field, StringComparison.Ordinal)) mapping = await ReadSmallFieldAsync(section.Body, cancellationToken);
                if (name.Equals(DryRunName, StringComparison.Ordinal)) dryRun = await ReadSmallFieldAsync(section.Body, cancellationToken);
            }

            return new(LeadProblems.MissingFile());
        }
        catch (InvalidDataException)
        {
            // Also a mapping field beyond its size limit.
            return new(LeadProblems.MalformedMultipart());
        }
        catch (IOException)
        {
            return new(LeadProblems.MalformedMultipart());
        }
    }

    // A name for display only: the last path segment, printable, at most 200 characters.
    private static string? CleanFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var last = name.Replace('\\', '/').Split('/').Last();
        var clean = new string(last.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? null : clean.Length > 200 ? clean[..200] : clean;
    }

    // A form field is text of a few hundred bytes; a bigger one is not a mapping.
    private static async Task<string> ReadSmallFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
        var buffer = new char[16 * 1024];
        var read = await text.ReadBlockAsync(buffer, cancellationToken);
        if (read == buffer.Length) throw new InvalidDataException("The mapping field is too large.");
        return new string(buffer, 0, read);
    }
}
