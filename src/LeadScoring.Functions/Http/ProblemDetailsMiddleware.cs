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
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { RequestAborted.IsCancellationRequested: false })
        {
            logger.UnhandledException(e, context.FunctionDefinition.Name, context.InvocationId);
            // The ASP.NET Core integration executes an IResult invocation result after the middleware returns.
            context.GetInvocationResult().Value = HttpProblems.Unexpected();
        }
    }
}
