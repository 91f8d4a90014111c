using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Runs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Scoring.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Storage clients (once, from <c>AzureWebJobsStorage</c>: a connection string locally, managed identity in Azure),
    /// and one class per table and queue.
    /// </summary>
    public static IServiceCollection AddLeadStorage(this IServiceCollection services, IConfiguration configuration)
    {
        // Read lazily, when a client is first needed, so hosts and tests can finish configuring first.
        var connection = new Lazy<StorageConnection>(() => StorageConnection.FromConfiguration(configuration));
        services.AddAzureClients(azure =>
        {
            azure.AddClient<TableServiceClient, TableClientOptions>(options =>
            {
                options.RetryPolicy = new StorageRetryPolicy();
                return connection.Value.CreateTableServiceClient(options);
            });
            azure.AddClient<QueueServiceClient, QueueClientOptions>(options =>
            {
                // The queue trigger decodes base64 (host.json extensions.queues.messageEncoding), so the producer must encode.
                options.MessageEncoding = QueueMessageEncoding.Base64;
                options.RetryPolicy = new StorageRetryPolicy();
                return connection.Value.CreateQueueServiceClient(options);
            });
            azure.AddClient<BlobServiceClient, BlobClientOptions>(options =>
            {
                options.RetryPolicy = new StorageRetryPolicy();
                return connection.Value.CreateBlobServiceClient(options);
            });
        });

        services.AddMemoryCache();
        services.AddOptions<RunOptions>().BindConfiguration(RunOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SweepOptions>().BindConfiguration(SweepOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConflictRetry>();
        services.AddSingleton<OfferTable>();
        services.AddSingleton<UploadTable>();
        services.AddSingleton<LeadTable>();
        services.AddSingleton<PersonTable>();
        services.AddSingleton<ResultTable>();
        services.AddSingleton<OutcomeTable>();
        services.AddSingleton<RunTable>();
        services.AddSingleton<SweepTable>();
        services.AddSingleton<SweepHeartbeat>();
        services.AddHostedService(provider => provider.GetRequiredService<SweepHeartbeat>());
        services.AddSingleton<JudgementTable>();
        services.AddSingleton<IJudgementCache>(provider => provider.GetRequiredService<JudgementTable>());
        services.AddSingleton<ScoreQueue>();
        services.AddSingleton<PlanQueue>();
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<ImportStore>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<TrainQueue>();
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(provider => provider.GetRequiredService<StorageInitializer>());
        return services;
    }
}
