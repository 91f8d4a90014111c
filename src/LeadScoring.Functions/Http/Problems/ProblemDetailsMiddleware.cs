using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Functions.Http.Problems;

/// <summary>
/// Turns an unexpected exception in an HTTP function into a problem with a traceId and no exception text, logged
/// once here: 503 with Retry-After when storage is unreachable, 500 otherwise. HTTP functions run with the short
/// storage retry budget (<see cref="StorageCallBudget"/>) so that answer comes in seconds. Queue functions rethrow:
/// the host's retries and poison queue handle them.
/// </summary>
internal sealed class ProblemDetailsMiddleware(ILogger<ProblemDetailsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (await InvokeAsync(context.GetHttpContext(), context.FunctionDefinition.Name, context.InvocationId, () => next(context)) is { } problem)
        {
            // The ASP.NET Core integration executes an IResult invocation result after the middleware returns.
            context.GetInvocationResult().Value = problem;
        }
    }

    /// <summary>
    /// Runs the function; returns the problem to answer when an HTTP function failed, null when it succeeded. Rethrows
    /// for a queue function (no HttpContext) and for a request the client has aborted (nobody to answer).
    /// Separate from <see cref="Invoke"/> because a FunctionContext's invocation result cannot be faked.
    /// </summary>
    internal async Task<IResult?> InvokeAsync(HttpContext? http, string functionName, string invocationId, Func<Task> next)
    {
        using var budget = http is null ? default(StorageCallBudget.Scope?) : StorageCallBudget.ForHttpRequest();
        try
        {
            await next();
            return null;
        }
        catch (Exception e) when (http is { RequestAborted.IsCancellationRequested: false })
        {
            if (StorageFaults.IsUnavailable(e)) logger.StorageUnavailable(e, functionName, invocationId);
            else logger.UnhandledException(e, functionName, invocationId);
            return HttpProblems.ForException(e);
        }
    }
}
