using System.Text.Json;
using LeadScoring.Testing;

namespace LeadScoring.Functions.Tests.Support;

/// <summary>Checks that a response is an RFC 9457 problem: status, content type, the fields every problem has.</summary>
internal static class ProblemAssert
{
    public static JsonElement Problem(TestResponse response, int status)
    {
        response.AssertStatus(status);
        Assert.Equal("application/problem+json", response.ContentType);
        var problem = response.Json();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
        return problem;
    }

    /// <summary>A 400 whose <c>errors</c> names exactly these fields.</summary>
    public static JsonElement Fields(TestResponse response, params string[] fields)
    {
        var problem = Problem(response, 400);
        var named = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(fields.Order().ToArray(), named);
        return problem;
    }
}
