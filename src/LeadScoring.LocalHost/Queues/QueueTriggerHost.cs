using LeadScoring.LocalHost.Catalog;
using LeadScoring.LocalHost.Configuration;

namespace LeadScoring.LocalHost.Queues;

/// <summary>Runs a listener per queue-triggered function, like the Functions host's queue extension.</summary>
internal sealed class QueueTriggerHost(
    FunctionCatalog catalog,
    HostJsonOptions hostJson,
    IConfiguration configuration,
    IServiceProvider services,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Queues.Select(function =>
            new QueueTriggerListener(function, hostJson.Queues, configuration, services, loggers.CreateLogger($"Function.{function.Name}"))
                .RunAsync(stoppingToken)));
}
