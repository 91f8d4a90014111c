using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Functions.Http;

/// <summary>
/// Turns an unexpected exception in an HTTP function into a 500 problem with a traceId and no exception text,
/// logged once here. Queue functions rethrow: the host's retries and poison queue handle them.
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
        try
        {
            await next();
            return null;
        }
        catch (Exception e) when (http is { RequestAborted.IsCancellationRequested: false })
        {
            logger.UnhandledException(e, functionName, invocationId);
            return HttpProblems.Unexpected();
        }
    }
}
