using Microsoft.Azure.WebJobs;

namespace LeadScoring.LocalHost.Queues;

/// <summary>Hands the WebJobs SDK the generated queue functions instead of scanning assemblies for job methods.</summary>
internal sealed class QueueTriggerTypeLocator(Type functions) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [functions];
}
