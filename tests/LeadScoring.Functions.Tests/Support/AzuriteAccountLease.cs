using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace LeadScoring.Functions.Tests.Support;

/// <summary>A storage account a test has to itself. Disposing it empties the account for the next test.</summary>
public sealed class AzuriteAccountLease(string name, string connectionString, Func<AzuriteAccountLease, ValueTask> release) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    /// <summary>
    /// Deletes every table, queue and blob container (Azurite, unlike Azure, lets a deleted name be reused at once). The
    /// blobs too: a background import's findings stay with its upload, and the next test to rent the account would
    /// find them.
    /// </summary>
    public async Task EmptyAsync(CancellationToken cancellationToken)
    {
        var tables = new TableServiceClient(ConnectionString);
        await foreach (var table in tables.QueryAsync(cancellationToken: cancellationToken))
        {
            await tables.DeleteTableAsync(table.Name, cancellationToken);
        }

        var queues = new QueueServiceClient(ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(cancellationToken: cancellationToken))
        {
            await queues.DeleteQueueAsync(queue.Name, cancellationToken);
        }

        var blobs = new BlobServiceClient(ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(cancellationToken: cancellationToken))
        {
            await blobs.DeleteBlobContainerAsync(container.Name, cancellationToken: cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => release(this);
}
