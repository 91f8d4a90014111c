using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace LeadScoring.Functions.Tests.Storage;

/// <summary>
/// Concurrent scorings share their transactions (results per offer, counts per run), and still every invocation
/// returns only once its own rows are stored: counted on a client that counts its transactions and can fail one.
/// </summary>
public sealed class GroupCommitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Leads_counted_at_once_share_transactions_and_each_counts_once()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var (runs, requests) = Runs(app);
        await runs.CreateAsync("run-1", "offer-1", 90, TestApp.Cancellation);
        var leads = Enumerable.Range(0, 90).Select(i => $"lead-{i}").ToList();
        requests.Reset();

        // Ten leads offered twice at once, as a redelivered message would be: each copy that finds its marker costs a refused transaction.
        var counted = await Task.WhenAll(leads.Concat(leads.Take(10)).Select(leadId => runs.CountAsync("run-1", leadId, LeadOutcome.Scored, null, TestApp.Cancellation)));

        Assert.Equal(90, counted.Count(c => c));
        var status = await runs.GetStatusAsync("run-1", TestApp.Cancellation);
        Assert.Equal((90, 0), (status!.Scored, status.Failed));
        // One at a time this is 100 transactions; shared, a handful (each holds up to 99 leads) and the ten refused.
        Assert.InRange(requests.Transactions, 2, 20);
    }

    [Fact]
    public async Task Results_written_at_once_share_transactions_and_people_scored_before_are_replaced()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var (results, requests) = Results(app);
        // Ten of the thirty people have a result already: their pointer makes a shared first-score transaction refuse.
        foreach (var i in Enumerable.Range(0, 10)) await results.UpsertAsync("offer-1", StoredResults.Scored($"lead-{i}", 10, "run-0"), TestApp.Cancellation);
        requests.Reset();

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => results.UpsertAsync("offer-1", StoredResults.Scored($"lead-{i}", 90, "run-1"), TestApp.Cancellation)));

        var rows = await RowKeysAsync(app);
        Assert.Equal(30, rows.Count(key => key.StartsWith("person|", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"score|010|lead-{i}").Order(), rows.Where(key => key.StartsWith("score|", StringComparison.Ordinal)).Order());
        // One at a time: 30 first-score transactions and 10 rescore swaps; shared: the refused one and one or two more.
        Assert.InRange(requests.Transactions, 2, 6);
    }

    [Fact]
    public async Task Transaction_that_fails_fails_each_of_its_writers_and_their_retries_store_each_result_once()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var (results, requests) = Results(app);
        requests.FailNextTransaction();

        var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await results.UpsertAsync("offer-1", StoredResults.Scored($"lead-{i}", 70), TestApp.Cancellation);
                return (i, Failed: false);
            }
            catch (IOException)
            {
                return (i, Failed: true);
            }
        }));
        var failed = first.Where(attempt => attempt.Failed).Select(attempt => attempt.i).ToList();
        Assert.NotEmpty(failed);
        var stored = await RowKeysAsync(app);
        Assert.DoesNotContain(stored, key => key.StartsWith("score|", StringComparison.Ordinal) && failed.Any(i => key.EndsWith($"|lead-{i}", StringComparison.Ordinal)));

        // The host retries each failed invocation.
        await Task.WhenAll(failed.Select(i => results.UpsertAsync("offer-1", StoredResults.Scored($"lead-{i}", 70), TestApp.Cancellation)));

        var rows = await RowKeysAsync(app);
        Assert.Equal(20, rows.Count(key => key.StartsWith("person|", StringComparison.Ordinal)));
        Assert.Equal(20, rows.Count(key => key.StartsWith("score|", StringComparison.Ordinal)));
    }

    private static (RunTable, TransactionCounter) Runs(TestApp app)
    {
        var (service, counter) = Service(app);
        return (new RunTable(service, new ConflictRetry(TimeProvider.System), new MemoryCache(new MemoryCacheOptions()), TimeProvider.System), counter);
    }

    private static (ResultTable, TransactionCounter) Results(TestApp app)
    {
        var (service, counter) = Service(app);
        return (new ResultTable(service, new ConflictRetry(TimeProvider.System)), counter);
    }

    private static (TableServiceClient, TransactionCounter) Service(TestApp app)
    {
        var counter = new TransactionCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        return (new TableServiceClient(app.ConnectionString, options), counter);
    }

    private static async Task<List<string>> RowKeysAsync(TestApp app)
    {
        var keys = new List<string>();
        var table = app.Get<TableServiceClient>().GetTableClient(StorageNames.Results);
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: TestApp.Cancellation)) keys.Add(row.RowKey);
        return keys;
    }

    /// <summary>Counts entity-group transactions (<c>$batch</c>), and fails the next one before it is sent when asked.</summary>
    private sealed class TransactionCounter : HttpPipelinePolicy
    {
        private int transactions;
        private int failNext;

        public int Transactions => Volatile.Read(ref transactions);

        public void Reset() => Interlocked.Exchange(ref transactions, 0);

        public void FailNextTransaction() => Interlocked.Exchange(ref failNext, 1);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Count(HttpMessage message)
        {
            if (!message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)) return;
            Interlocked.Increment(ref transactions);
            if (Interlocked.Exchange(ref failNext, 0) == 1) throw new IOException("The storage connection broke.");
        }
    }
}
