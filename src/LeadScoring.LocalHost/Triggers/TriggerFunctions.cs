using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs;

namespace LeadScoring.LocalHost.Triggers;

/// <summary>
/// Base of the type <see cref="TriggerTypeGenerator"/> emits: one WebJobs <c>[FunctionName]</c> method per worker
/// queue or timer function, each a one-line call to a method here. Public because the emitted type lives in a
/// dynamic assembly.
/// </summary>
public abstract class TriggerFunctions(TriggerDispatcher dispatcher)
{
    public Task DispatchAsync(string functionName, QueueMessage message, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(functionName, message, cancellationToken);

    public Task DispatchTimerAsync(string functionName, TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.DispatchTimerAsync(functionName, timer, cancellationToken);
}
