using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LeadScoring.Functions.Tests.Support;

namespace LeadScoring.Functions.Tests.Storage;

/// <summary>Tests share a pool of Azurite accounts, so a returned account must hold nothing of the test before.</summary>
public sealed class AzuriteAccountLeaseTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Emptying_an_account_removes_its_tables_queues_and_blob_containers_and_their_names_can_be_used_again()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        var (tables, queues, blobs) = (new TableServiceClient(account.ConnectionString), new QueueServiceClient(account.ConnectionString), new BlobServiceClient(account.ConnectionString));
        await tables.CreateTableIfNotExistsAsync("leftover", cancellation);
        await queues.CreateQueueAsync("leftover", cancellationToken: cancellation);
        var container = blobs.GetBlobContainerClient("leftover");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellation);
        await container.UploadBlobAsync("upload/findings.json", BinaryData.FromString("{}"), cancellation);

        await account.EmptyAsync(cancellation);

        Assert.Empty(await tables.QueryAsync(cancellationToken: cancellation).ToListAsync(cancellation));
        Assert.Empty(await queues.GetQueuesAsync(cancellationToken: cancellation).ToListAsync(cancellation));
        Assert.Empty(await blobs.GetBlobContainersAsync(cancellationToken: cancellation).ToListAsync(cancellation));
        await container.CreateAsync(cancellationToken: cancellation); // the next test may use the same name at once
        Assert.Empty(await container.GetBlobsAsync(cancellationToken: cancellation).ToListAsync(cancellation));
    }
}
