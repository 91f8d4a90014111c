using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Creates the tables, queues and blob containers at start-up (idempotent), so a fresh Azurite or account works without a
/// provisioning step. Start-up fails if storage is unreachable: the host restarts the worker.
/// </summary>
public sealed class StorageInitializer(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs) : IHostedService
{
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        foreach (var name in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(name, cancellationToken);
        }

        foreach (var name in StorageNames.Queues)
        {
            await queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var name in StorageNames.Containers)
        {
            await blobs.GetBlobContainerClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => CreateIfNotExistsAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
