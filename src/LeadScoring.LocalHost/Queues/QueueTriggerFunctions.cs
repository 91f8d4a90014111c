using Azure.Storage.Queues.Models;

namespace LeadScoring.LocalHost.Queues;

/// <summary>
/// Base of the type <see cref="QueueTriggerTypeGenerator"/> emits: one WebJobs <c>[FunctionName]</c> method per
/// worker queue function, each a one-line call to <see cref="DispatchAsync"/>. Public because the emitted type
/// lives in a dynamic assembly.
/// </summary>
public abstract class QueueTriggerFunctions(QueueTriggerDispatcher dispatcher)
{
    public Task DispatchAsync(string functionName, QueueMessage message, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(functionName, message, cancellationToken);
}
