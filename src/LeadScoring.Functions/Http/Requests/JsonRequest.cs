using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LeadScoring.Functions.Http.Problems;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>
/// Reads small JSON bodies with clear errors: 415 for a non-JSON content type, 413 above <see cref="MaxBytes"/>,
/// 400 with line and position for malformed JSON, 400 naming the field for a wrong type. Unknown fields are
/// ignored (tolerant reader: clients may send more than we need).
/// </summary>
public static class JsonRequest
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>The parsed body, or the problem with it; an empty body is a null value (the caller decides whether that is allowed).</summary>
    public static async Task<RequestValue<T?>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (!IsJson(request.ContentType)) return new(HttpProblems.UnsupportedMediaType(request.ContentType, "application/json"));
        if (request.ContentLength > MaxBytes) return new(HttpProblems.BodyTooLarge(MaxBytes));

        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes) return new(HttpProblems.BodyTooLarge(MaxBytes));
        }

        if (buffer.WrittenSpan.Trim(" \t\r\n"u8).IsEmpty) return new(value: null);
        return Parse(buffer.WrittenMemory, type);
    }

    private static RequestValue<T?> Parse<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> type) where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return new(HttpProblems.MalformedJson((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1));
        }

        using (document)
        {
            // A body is an object, or an array where an array is what is read (POST /outcomes).
            var expected = typeof(T).IsArray ? JsonValueKind.Array : JsonValueKind.Object;
            if (document.RootElement.ValueKind != expected) return new(HttpProblems.NotAnObject(document.RootElement.ValueKind, expected));
            try
            {
                return new(document.Deserialize(type));
            }
            catch (JsonException e)
            {
                return new(HttpProblems.WrongType(FieldName(e.Path)));
            }
        }
    }

    /// <summary>"$.name" → "name"; "$.target_industries[2]" → "target_industries".</summary>
    private static string FieldName(string? path)
    {
        var field = (path ?? "$").TrimStart('$', '.');
        var bracket = field.IndexOf('[');
        return bracket > 0 ? field[..bracket] : field.Length == 0 ? "$" : field;
    }

    public static bool IsJson(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || (MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.MediaType is { } type
            && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));
}
