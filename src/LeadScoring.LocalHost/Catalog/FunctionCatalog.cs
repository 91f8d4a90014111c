using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.LocalHost.Catalog;

/// <summary>
/// Finds the functions in an assembly from their own attributes, the same attributes the Functions SDK
/// turns into functions.metadata, so the local host cannot drift from what Azure runs.
/// </summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<HttpFunctionDescriptor> http, IReadOnlyList<QueueFunctionDescriptor> queues, IReadOnlyList<TimerFunctionDescriptor> timers)
    {
        Http = http;
        Queues = queues;
        Timers = timers;
    }

    public IReadOnlyList<HttpFunctionDescriptor> Http { get; }

    public IReadOnlyList<QueueFunctionDescriptor> Queues { get; }

    public IReadOnlyList<TimerFunctionDescriptor> Timers { get; }

    public IEnumerable<FunctionDescriptor> All => Http.Cast<FunctionDescriptor>().Concat(Queues).Concat(Timers);

    public static FunctionCatalog FromAssembly(Assembly assembly)
    {
        var http = new List<HttpFunctionDescriptor>();
        var queues = new List<QueueFunctionDescriptor>();
        var timers = new List<TimerFunctionDescriptor>();
        var methods = assembly.GetExportedTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null);

        foreach (var method in methods)
        {
            var name = method.GetCustomAttribute<FunctionAttribute>()!.Name;
            var type = method.DeclaringType!;
            foreach (var parameter in method.GetParameters())
            {
                if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } httpTrigger)
                {
                    var verbs = httpTrigger.Methods is { Length: > 0 } ? httpTrigger.Methods : ["get", "post"];
                    http.Add(new HttpFunctionDescriptor(
                        name, type, method, httpTrigger.Route ?? name, verbs, httpTrigger.AuthLevel.ToString()));
                }
                else if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queueTrigger)
                {
                    queues.Add(new QueueFunctionDescriptor(
                        name, type, method, queueTrigger.QueueName, queueTrigger.Connection ?? "AzureWebJobsStorage", parameter));
                }
                else if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timerTrigger)
                {
                    timers.Add(new TimerFunctionDescriptor(name, type, method, timerTrigger.Schedule, timerTrigger.RunOnStartup, parameter));
                }
            }
        }

        var found = http.Count + queues.Count + timers.Count;
        var declared = methods.Count();
        if (found != declared)
        {
            throw new NotSupportedException(
                $"The local host serves HTTP, queue and timer triggers only; {declared - found} function(s) in {assembly.GetName().Name} use another trigger.");
        }

        return new FunctionCatalog(http, queues, timers);
    }
}
