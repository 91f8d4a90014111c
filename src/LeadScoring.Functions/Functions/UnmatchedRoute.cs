using LeadScoring.Functions.Http;
using LeadScoring.Functions.Http.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

/// <summary>
/// Answers every request no other function takes (its catch-all route has the lowest precedence): 404 problem for
/// a path the API does not have, 405 problem with <c>Allow</c> for a known path asked with another method, and
/// the allowed methods for OPTIONS. Anonymous: it holds no data and says only what docs/openapi.yaml says.
/// </summary>
public sealed class UnmatchedRoute(HttpRouteTable routes)
{
    [Function(nameof(UnmatchedRoute))]
    public Results<NoContent, ProblemHttpResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = "{*path}")] HttpRequest request,
        string? path)
    {
        path ??= "";
        var allowed = routes.AllowedMethods(path);
        if (allowed.Count == 0) return HttpProblems.NotFound(path);
        request.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        return HttpMethods.IsOptions(request.Method) ? TypedResults.NoContent() : HttpProblems.MethodNotAllowed(request.Method, path, allowed);
    }
}
