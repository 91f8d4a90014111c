using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Problems;

/// <summary>A problem answer with a <c>Retry-After</c> header (RFC 9110), for failures a client should simply retry.</summary>
public sealed class RetryAfterResult(ProblemHttpResult problem, TimeSpan after) : IResult, IStatusCodeHttpResult
{
    public ProblemHttpResult Problem { get; } = problem;

    public TimeSpan After { get; } = after;

    public int? StatusCode => Problem.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(After.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem.ExecuteAsync(httpContext);
    }
}
