using Azure.Data.Tables;
using Azure.Storage.Queues;
using System.Net.Http.Json;
using LeadScoring.Functions.Tests.Reliability;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.LocalHost.Diagnostics;

namespace LeadScoring.Functions.Tests.LocalHost;

/// <summary>The benchmark's requests per scored lead are only as good as this count: each kind of request, once.</summary>
public sealed class StorageRequestCounterTests(AzuriteFixture azurite)
{
    private readonly CancellationToken cancellation = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_storage_request_is_counted_once_by_what_it_does()
    {
        await using var account = await azurite.RentAccountAsync(cancellation);
        var counter = new StorageRequestCounter();
        var queueOptions = new QueueClientOptions();
        queueOptions.AddPolicy(counter.PolicyFor("queue"), Azure.Core.HttpPipelinePosition.PerRetry);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter.PolicyFor("table"), Azure.Core.HttpPipelinePosition.PerRetry);
        var queue = new QueueClient(account.ConnectionString, "counted", queueOptions);
        var table = new TableClient(account.ConnectionString, "counted", tableOptions);

        await queue.CreateIfNotExistsAsync(cancellationToken: cancellation);
        await queue.SendMessageAsync("a", cancellation);
        await queue.SendMessageAsync("b", cancellation);
        await queue.PeekMessagesAsync(cancellationToken: cancellation);
        var received = (await queue.ReceiveMessagesAsync(2, cancellationToken: cancellation)).Value;
        foreach (var message in received) await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellation);
        await table.CreateIfNotExistsAsync(cancellation);
        await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, new TableEntity("p", "1")), new(TableTransactionActionType.Add, new TableEntity("p", "2"))], cancellation);
        await table.GetEntityAsync<TableEntity>("p", "1", cancellationToken: cancellation);

        var counts = counter.Snapshot();
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["queue delete counted"] = 2,
                ["queue peek counted"] = 1,
                ["queue put"] = 1,
                ["queue receive counted"] = 1,
                ["queue send counted"] = 2,
                ["table read"] = 1,
                ["table transaction"] = 1,
                ["table write"] = 1,
            },
            counts);
    }

    [Fact]
    public async Task Local_host_counts_the_requests_of_its_own_clients_and_of_the_queue_listener()
    {
        await using var account = await azurite.RentAccountAsync(cancellation);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.FastQueues, RunningLocalHost.NoAi);
        await host.CreateOfferAsync();
        await host.UploadAsync(Generated.Csv(40));
        await host.WaitForRunAsync(await host.StartRunAsync(), cancellation);

        var counts = (await host.Client.GetFromJsonAsync<Dictionary<string, long>>(StorageRequestCounter.Path, cancellation))!;

        // The listener receives and deletes every lead's message; the app sends them and writes results and counts.
        Assert.True(counts.GetValueOrDefault("queue delete score-leads") >= 40, string.Join(", ", counts));
        Assert.True(counts.GetValueOrDefault("queue send score-leads") >= 40, string.Join(", ", counts));
        Assert.True(counts.GetValueOrDefault("queue receive score-leads") > 0, string.Join(", ", counts));
        Assert.True(counts.GetValueOrDefault("table transaction") > 0, string.Join(", ", counts));
    }
}
