using Azure.Core.Serialization;
using Azure.Storage.Queues.Models;
using LeadScoring.LocalHost.Catalog;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LeadScoring.LocalHost.Triggers;

/// <summary>
/// What the WebJobs SDK calls for each queue message and timer tick (through the generated <see cref="TriggerFunctions"/>
/// methods): binds the worker function's parameters as the isolated worker does and invokes it in its own scope.
/// Polling, batching, visibility, retries and poison handling stay with the SDK's listener, schedules with its timers.
/// </summary>
public sealed class TriggerDispatcher(FunctionCatalog catalog, IServiceProvider services, IOptions<WorkerOptions> worker)
{
    private readonly Dictionary<string, QueueFunctionDescriptor> functions = catalog.Queues.ToDictionary(function => function.Name);
    private readonly Dictionary<string, TimerFunctionDescriptor> timers = catalog.Timers.ToDictionary(function => function.Name);

    public async Task DispatchTimerAsync(string functionName, Microsoft.Azure.WebJobs.TimerInfo timer, CancellationToken cancellationToken)
    {
        var function = timers[functionName];
        var info = new TimerInfo
        {
            IsPastDue = timer.IsPastDue,
            ScheduleStatus = timer.ScheduleStatus is { } status ? new ScheduleStatus { Last = status.Last, Next = status.Next, LastUpdated = status.LastUpdated } : null,
        };
        await using var scope = services.CreateAsyncScope();
        await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, [.. function.Method.GetParameters().Select(parameter => parameter switch
        {
            _ when parameter == function.TimerParameter => info,
            { ParameterType: var type } when type == typeof(CancellationToken) => (object)cancellationToken,
            _ => throw new NotSupportedException($"{function.Name}: the local host cannot bind parameter '{parameter.Name}'."),
        })]);
    }

    public async Task DispatchAsync(string functionName, QueueMessage message, CancellationToken cancellationToken)
    {
        var function = functions[functionName];
        await using var scope = services.CreateAsyncScope();
        await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, Bind(function, message, cancellationToken));
    }

    private object?[] Bind(QueueFunctionDescriptor function, QueueMessage message, CancellationToken cancellationToken) =>
        function.Method.GetParameters().Select(parameter => parameter switch
        {
            _ when parameter == function.MessageParameter => BindMessage(parameter.ParameterType, message),
            { ParameterType: var type } when type == typeof(CancellationToken) => cancellationToken,
            { Name: "dequeueCount" or "DequeueCount" } => Convert.ChangeType(message.DequeueCount, parameter.ParameterType, System.Globalization.CultureInfo.InvariantCulture),
            { Name: "id" or "Id" or "messageId" } => message.MessageId,
            _ => throw new NotSupportedException($"{function.Name}: the local host cannot bind parameter '{parameter.Name}'."),
        }).ToArray();

    private object? BindMessage(Type type, QueueMessage message)
    {
        if (type == typeof(QueueMessage)) return message;
        if (type == typeof(BinaryData)) return message.Body;
        if (type == typeof(string)) return message.Body.ToString();
        if (type == typeof(byte[])) return message.Body.ToArray();

        // POCOs go through the worker's configured serializer, as in Azure.
        var serializer = worker.Value.Serializer ?? new JsonObjectSerializer();
        using var body = message.Body.ToStream();
        return serializer.Deserialize(body, type, CancellationToken.None);
    }
}
