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

    [Fact]
    public async Task Counts_whose_commit_answer_was_lost_count_nothing_when_retried_and_failed_leads_keep_their_reason()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var (runs, requests) = Runs(app);
        await runs.CreateAsync("run-1", "offer-1", 40, TestApp.Cancellation);
        // The first transaction reaches the table, but its answer is lost: every lead in it sees a failure.
        requests.LoseNextAnswer();

        var first = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            try
            {
                return await runs.CountAsync("run-1", $"lead-{i}", i % 4 == 0 ? LeadOutcome.Failed : LeadOutcome.Scored, i % 4 == 0 ? $"reason {i}" : null, TestApp.Cancellation);
            }
            catch (IOException)
            {
                return (bool?)null;
            }
        }));
        var lost = Enumerable.Range(0, 40).Where(i => first[i] is null).ToList();
        Assert.NotEmpty(lost);

        // The host retries those invocations: a marker written by the lost transaction makes its lead count nothing.
        var retried = await Task.WhenAll(lost.Select(i => runs.CountAsync("run-1", $"lead-{i}", i % 4 == 0 ? LeadOutcome.Failed : LeadOutcome.Scored, i % 4 == 0 ? $"reason {i}" : null, TestApp.Cancellation)));

        Assert.All(retried, counted => Assert.False(counted));
        var status = await runs.GetStatusAsync("run-1", TestApp.Cancellation);
        Assert.Equal((30, 10), (status!.Scored, status.Failed));
        Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 4 == 0).Select(i => $"reason {i}").Order(), status.Failures.Select(failure => failure.Error).Order());
    }

    [Fact]
    public async Task Results_whose_commit_answer_was_lost_are_written_once_when_retried_and_a_late_older_run_changes_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var (results, requests) = Results(app);
        requests.LoseNextAnswer();

        var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await results.UpsertAsync("offer-1", StoredResults.Scored($"lead-{i}", 70, "run-2"), TestApp.Cancellation);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }));
        var lost = Enumerable.Range(0, 20).Where(i => !first[i]).ToList();
        Assert.NotEmpty(lost);
        await Task.WhenAll(lost.Select(i => results.UpsertAsync("offer-1", StoredResults.Scored($"lead-{i}", 70, "run-2"), TestApp.Cancellation)));
        // A redelivery from an older run arrives late, for every lead at once: the newer results stay.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => results.UpsertAsync("offer-1", StoredResults.Scored($"lead-{i}", 20, "run-1"), TestApp.Cancellation)));

        var rows = await RowKeysAsync(app);
        Assert.Equal(20, rows.Count(key => key.StartsWith("person|", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"score|030|lead-{i}").Order(), rows.Where(key => key.StartsWith("score|", StringComparison.Ordinal)).Order());
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

    /// <summary>
    /// Counts entity-group transactions (<c>$batch</c>); when asked, fails the next one before it is sent, or lets it
    /// reach the table and loses its answer (the client sees the connection break after the commit).
    /// </summary>
    private sealed class TransactionCounter : HttpPipelinePolicy
    {
        private int transactions;
        private int failNext;
        private int loseNext;

        public int Transactions => Volatile.Read(ref transactions);

        public void Reset() => Interlocked.Exchange(ref transactions, 0);

        public void FailNextTransaction() => Interlocked.Exchange(ref failNext, 1);

        public void LoseNextAnswer() => Interlocked.Exchange(ref loseNext, 1);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var lose = Count(message);
            ProcessNext(message, pipeline);
            if (lose) throw new IOException("The storage connection broke after the commit.");
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var lose = Count(message);
            await ProcessNextAsync(message, pipeline);
            if (lose) throw new IOException("The storage connection broke after the commit.");
        }

        /// <summary>Counts a transaction; throws for one to fail unsent; true for one whose answer is to be lost.</summary>
        private bool Count(HttpMessage message)
        {
            if (!message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)) return false;
            Interlocked.Increment(ref transactions);
            if (Interlocked.Exchange(ref failNext, 0) == 1) throw new IOException("The storage connection broke.");
            return Interlocked.Exchange(ref loseNext, 0) == 1;
        }
    }
}
