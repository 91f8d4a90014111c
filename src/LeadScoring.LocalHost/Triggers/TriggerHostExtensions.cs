using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LeadScoring.LocalHost.Catalog;
using LeadScoring.LocalHost.Diagnostics;
using LeadScoring.LocalHost.Queues;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host.Queues;
using Microsoft.Extensions.Azure;

namespace LeadScoring.LocalHost.Triggers;

/// <summary>
/// Queue and timer triggers on the WebJobs SDK, its storage-queue extension and its timers (Microsoft.Azure.WebJobs.Extensions):
/// the listeners and schedules the Functions host runs.
/// </summary>
internal static class TriggerHostExtensions
{
    public static WebApplicationBuilder AddTriggers(this WebApplicationBuilder builder, FunctionCatalog catalog)
    {
        // Reads extensions:queues (batchSize, newBatchThreshold, visibilityTimeout, maxDequeueCount, maxPollingInterval,
        // messageEncoding) from the AzureFunctionsJobHost section HostJsonOptions maps host.json into.
        // The timers' default schedule monitor keeps its records in blob storage through the host's storage services,
        // which the local host does not run; the generated timer functions turn the monitor off, and this one
        // (the SDK's own, on the file system) is only there to be resolved.
        builder.Host.ConfigureWebJobs(webJobs => webJobs.AddAzureStorageQueues().AddTimers()
            .Services.AddSingleton<ScheduleMonitor, FileSystemScheduleMonitor>());
        builder.Services.AddSingleton<ITypeLocator>(new TriggerTypeLocator(TriggerTypeGenerator.Generate(catalog.Queues, catalog.Timers)));
        builder.Services.AddSingleton<TriggerDispatcher>();
        builder.Services.AddSingleton<IQueueProcessorFactory, ResilientQueueProcessorFactory>();
        // The SDK builds its queue clients through the Azure client factory, whose defaults reach every client it makes
        // (the app's own too, which only sends, peeks and deletes: the gate never holds those).
        builder.Services.AddSingleton<QueueReceiveGate>();
        builder.Services.AddSingleton<IHostedService>(services => services.GetRequiredService<QueueReceiveGate>());
        builder.Services.AddSingleton<StorageRequestCounter>();
        builder.Services.AddAzureClients(clients => clients.ConfigureDefaults((options, services) =>
        {
            if (options is QueueClientOptions) options.AddPolicy(services.GetRequiredService<QueueReceiveGate>(), HttpPipelinePosition.PerCall);
            var counter = services.GetRequiredService<StorageRequestCounter>();
            if (options is QueueClientOptions) options.AddPolicy(counter.PolicyFor("queue"), HttpPipelinePosition.PerRetry);
            if (options is TableClientOptions) options.AddPolicy(counter.PolicyFor("table"), HttpPipelinePosition.PerRetry);
            if (options is BlobClientOptions) options.AddPolicy(counter.PolicyFor("blob"), HttpPipelinePosition.PerRetry);
        }));
        // These two categories carry Application Insights telemetry as structured state with no message; the
        // Functions host sends them there, the console would print nothing, and some loggers refuse a null message.
        builder.Logging.AddFilter("Host.Results", LogLevel.None).AddFilter("Host.Aggregator", LogLevel.None);
        return builder;
    }
}
