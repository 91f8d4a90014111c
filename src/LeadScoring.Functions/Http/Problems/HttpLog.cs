using Microsoft.Extensions.Logging;

namespace LeadScoring.Functions.Http.Problems;

internal static partial class HttpLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "Function {FunctionName} failed unexpectedly (invocation {InvocationId})")]
    public static partial void UnhandledException(this ILogger logger, Exception exception, string functionName, string invocationId);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Function {FunctionName} could not reach storage; answered 503 (invocation {InvocationId})")]
    public static partial void StorageUnavailable(this ILogger logger, Exception exception, string functionName, string invocationId);
}
