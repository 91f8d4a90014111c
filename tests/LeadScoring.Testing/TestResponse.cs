using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Testing;

/// <summary>What a client would receive: an <see cref="IResult"/> executed against the request's own HttpContext.</summary>
public sealed record TestResponse(int Status, IHeaderDictionary Headers, string Body)
{
    public string? ContentType => Headers.ContentType.ToString() is { Length: > 0 } type ? type : null;

    /// <summary>Fails with the body in the message (the useful part when a status is wrong).</summary>
    public TestResponse AssertStatus(int expected)
    {
        if (Status != expected) throw new InvalidOperationException($"Expected HTTP {expected}, got {Status}: {Body}");
        return this;
    }

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>Runs the result the way the host does (IResult.ExecuteAsync), with <paramref name="services"/> as RequestServices.</summary>
    public static async Task<TestResponse> ExecuteAsync(IResult result, HttpRequest request, IServiceProvider services)
    {
        var context = request.HttpContext;
        context.RequestServices = services;
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return new TestResponse(context.Response.StatusCode, context.Response.Headers, Encoding.UTF8.GetString(body.ToArray()));
    }
}
