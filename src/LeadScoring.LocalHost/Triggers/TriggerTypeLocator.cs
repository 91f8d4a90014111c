using Microsoft.Azure.WebJobs;

namespace LeadScoring.LocalHost.Triggers;

/// <summary>Hands the WebJobs SDK the generated trigger functions instead of scanning assemblies for job methods.</summary>
internal sealed class TriggerTypeLocator(Type functions) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [functions];
}
