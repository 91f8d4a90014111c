using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace LeadScoring.Testing;

/// <summary>HTTP requests for calling function classes directly, as the ASP.NET Core integration would pass them.</summary>
public static class Requests
{
    public const string Boundary = "----leadscoring-test-boundary";

    public static HttpRequest Get(string queryString = "") => Create("GET", null, Stream.Null, queryString);

    public static HttpRequest Json(string body, string contentType = "application/json") =>
        Create("POST", contentType, new MemoryStream(Encoding.UTF8.GetBytes(body)));

    public static HttpRequest Empty(string method = "POST") => Create(method, null, Stream.Null);

    /// <summary>What <c>curl -F "file=@leads.csv"</c> sends: a multipart form with the CSV in the field named <paramref name="field"/>.</summary>
    public static HttpRequest MultipartCsv(string csv, string field = "file", string fileName = "leads.csv")
    {
        var body = new StringBuilder()
            .Append("--").Append(Boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"note\"\r\n\r\n")
            .Append("a field before the file\r\n")
            .Append("--").Append(Boundary).Append("\r\n")
            .Append($"Content-Disposition: form-data; name=\"{field}\"; filename=\"{fileName}\"\r\n")
            .Append("Content-Type: text/csv\r\n\r\n")
            .Append(csv).Append("\r\n")
            .Append("--").Append(Boundary).Append("--\r\n")
            .ToString();
        return Create("POST", $"multipart/form-data; boundary={Boundary}", new MemoryStream(Encoding.UTF8.GetBytes(body)));
    }

    /// <summary>A multipart form with text fields (a mapping, say) sent before the file, as a browser's FormData does.</summary>
    public static HttpRequest MultipartCsvWithFields(string csv, params (string Name, string Value)[] fieldsBefore)
    {
        var body = new StringBuilder();
        foreach (var (name, value) in fieldsBefore)
        {
            body.Append("--").Append(Boundary).Append("\r\n")
                .Append($"Content-Disposition: form-data; name=\"{name}\"\r\n\r\n")
                .Append(value).Append("\r\n");
        }

        body.Append("--").Append(Boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"file\"; filename=\"export.csv\"\r\n")
            .Append("Content-Type: text/csv\r\n\r\n")
            .Append(csv).Append("\r\n")
            .Append("--").Append(Boundary).Append("--\r\n");
        return Create("POST", $"multipart/form-data; boundary={Boundary}", new MemoryStream(Encoding.UTF8.GetBytes(body.ToString())));
    }

    /// <summary>A raw text/csv body with a query string (a <c>mapping</c>, say).</summary>
    public static HttpRequest CsvWithQuery(byte[] csv, string queryString) =>
        Create("POST", "text/csv", new MemoryStream(csv), queryString);

    public static HttpRequest Csv(string csv, string contentType = "text/csv") =>
        Create("POST", contentType, new MemoryStream(Encoding.UTF8.GetBytes(csv)));

    public static HttpRequest CsvBytes(byte[] csv, string contentType = "text/csv") =>
        Create("POST", contentType, new MemoryStream(csv));

    /// <summary>A body of unknown length (chunked): only the streaming check can see its size.</summary>
    public static HttpRequest Streamed(Stream body, string contentType) => Create("POST", contentType, body, setLength: false);

    private static HttpRequest Create(string method, string? contentType, Stream body, string queryString = "", bool setLength = true)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        request.Scheme = "http";
        request.Host = new HostString("localhost", 7071);
        request.ContentType = contentType;
        request.Body = body;
        if (setLength && body.CanSeek) request.ContentLength = body.Length;
        if (queryString.Length > 0) request.QueryString = new QueryString(queryString.StartsWith('?') ? queryString : "?" + queryString);
        context.Response.Body = new MemoryStream();
        return request;
    }

    public static HttpRequest WithHeader(this HttpRequest request, string name, string value)
    {
        request.Headers[name] = new StringValues(value);
        return request;
    }
}
