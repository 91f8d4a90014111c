using Microsoft.Extensions.Logging;

namespace LeadScoring.Functions.Http;

internal static partial class HttpLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "Function {FunctionName} failed unexpectedly (invocation {InvocationId})")]
    public static partial void UnhandledException(this ILogger logger, Exception exception, string functionName, string invocationId);
}
