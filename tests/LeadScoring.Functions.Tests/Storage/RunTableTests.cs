using Azure.Data.Tables;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Pipeline;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace LeadScoring.Functions.Tests.Storage;

public sealed class RunTableTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Counting_in_parallel_counts_every_lead_once_and_completes_the_run()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var runs = app.Get<RunTable>();
        await runs.CreateAsync("run-1", "offer-1", 40, TestApp.Cancellation);
        var leads = Enumerable.Range(0, 40).Select(i => $"lead-{i}").ToList();

        var counted = await Task.WhenAll(leads.Concat(leads).Select(async (leadId, i) =>
        {
            var outcome = i % 10 == 0 ? LeadOutcome.Failed : LeadOutcome.Scored;
            var first = await runs.CountAsync("run-1", leadId, outcome, outcome == LeadOutcome.Failed ? "boom" : null, TestApp.Cancellation);
            await runs.CompleteIfDoneAsync("run-1", TestApp.Cancellation);
            return first;
        }));

        var status = await runs.GetStatusAsync("run-1", TestApp.Cancellation);
        Assert.Equal(40, counted.Count(c => c));
        Assert.Equal(40, status!.Scored + status.Failed);
        Assert.Equal(status.Failed, status.Failures.Count);
        Assert.True(status.Done);
        Assert.NotNull(status.CompletedAt);
    }

    [Fact]
    public async Task Run_with_nothing_queued_is_complete_at_once()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var runs = app.Get<RunTable>();

        await runs.CreateAsync("run-1", "offer-1", 0, TestApp.Cancellation);

        var status = await runs.GetStatusAsync("run-1", TestApp.Cancellation);
        Assert.True(status!.Done);
        Assert.Equal(status.CreatedAt, status.CompletedAt);
    }

    [Fact]
    public async Task Counting_from_two_processes_at_once_counts_every_lead_once()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var (first, second) = (app.Get<RunTable>(), OtherProcess(app));
        await first.CreateAsync("run-1", "offer-1", 60, TestApp.Cancellation);
        var leads = Enumerable.Range(0, 60).Select(i => $"lead-{i}").ToList();

        // Each process counts every lead: the shards' ETags collide across processes and every lead is offered twice.
        var counted = await Task.WhenAll(leads.SelectMany(leadId => new[] { first, second }.Select(runs =>
            runs.CountAsync("run-1", leadId, LeadOutcome.Scored, null, TestApp.Cancellation))));

        var status = await second.GetStatusAsync("run-1", TestApp.Cancellation);
        Assert.Equal(60, counted.Count(c => c));
        Assert.Equal((60, 0), (status!.Scored, status.Failed));
        Assert.True(status.Done);
    }

    [Fact]
    public async Task Requested_completion_check_stamps_the_run_with_the_time_of_its_last_count()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var runs = app.Get<RunTable>();
        await runs.CreateAsync("run-1", "offer-1", 3, TestApp.Cancellation);
        foreach (var leadId in new[] { "lead-1", "lead-2", "lead-3" })
        {
            await runs.CountAsync("run-1", leadId, LeadOutcome.Scored, null, TestApp.Cancellation);
            app.Get<RunCompletion>().Request("run-1");
        }

        var completedAt = await WaitForCompletedAtAsync(app);

        Assert.Equal(await LastCountedAtAsync(app), completedAt);
    }

    [Fact]
    public async Task Status_call_completes_a_finished_run_that_no_check_completed()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var runs = app.Get<RunTable>();
        await runs.CreateAsync("run-1", "offer-1", 2, TestApp.Cancellation);
        await runs.CountAsync("run-1", "lead-1", LeadOutcome.Scored, null, TestApp.Cancellation);
        await runs.CountAsync("run-1", "lead-2", LeadOutcome.Failed, "boom", TestApp.Cancellation);
        Assert.Null(await StoredCompletedAtAsync(app));

        var status = await runs.GetStatusAsync("run-1", TestApp.Cancellation);

        Assert.True(status!.Done);
        Assert.Equal(await LastCountedAtAsync(app), status.CompletedAt);
        Assert.Equal(status.CompletedAt, await StoredCompletedAtAsync(app));
    }

    [Fact]
    public async Task Unfinished_run_is_not_completed_by_a_check_or_the_status_call()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var runs = app.Get<RunTable>();
        await runs.CreateAsync("run-1", "offer-1", 2, TestApp.Cancellation);
        await runs.CountAsync("run-1", "lead-1", LeadOutcome.Scored, null, TestApp.Cancellation);

        await runs.CompleteIfDoneAsync("run-1", TestApp.Cancellation);
        var status = await runs.GetStatusAsync("run-1", TestApp.Cancellation);

        Assert.False(status!.Done);
        Assert.Null(status.CompletedAt);
        Assert.Null(await StoredCompletedAtAsync(app));
    }

    private static RunTable OtherProcess(TestApp app) => new(
        app.Get<TableServiceClient>(), new ConflictRetry(TimeProvider.System), new MemoryCache(new MemoryCacheOptions()), TimeProvider.System);

    private static async Task<DateTimeOffset?> StoredCompletedAtAsync(TestApp app) =>
        (await RunsTable(app).GetEntityAsync<TableEntity>("run-1", "run", cancellationToken: TestApp.Cancellation)).Value.GetDateTimeOffset("CompletedAt");

    private static async Task<DateTimeOffset> WaitForCompletedAtAsync(TestApp app)
    {
        // The check runs in the background; generous, because the machine may be loaded.
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await StoredCompletedAtAsync(app) is { } completedAt) return completedAt;
            await Task.Delay(50, TestApp.Cancellation);
        }

        throw new TimeoutException("The requested completion check never stamped the run.");
    }

    private static async Task<DateTimeOffset?> LastCountedAtAsync(TestApp app)
    {
        DateTimeOffset? last = null;
        await foreach (var shard in RunsTable(app).QueryAsync<TableEntity>(e => e.PartitionKey == "run-1", cancellationToken: TestApp.Cancellation))
        {
            if (shard.RowKey.StartsWith("counter|", StringComparison.Ordinal) && shard.GetDateTimeOffset("LastCountedAt") is { } at && (last is null || at > last)) last = at;
        }

        return last;
    }

    private static TableClient RunsTable(TestApp app) => app.Get<TableServiceClient>().GetTableClient(StorageNames.Runs);
}
