using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Functions.Tests.Reliability;

/// <summary>
/// At-least-once delivery on the local host's queue listener (the WebJobs SDK's): a host that stops with messages in flight,
/// a message that can never succeed, and the same message delivered many times at once.
/// </summary>
[Trait("Category", "Slow")]
public sealed class QueueRedeliveryTests(AzuriteFixture azurite) : IDisposable
{
    private readonly GeminiStandIn gemini = new();

    [Fact(Timeout = 120_000)]
    public async Task Host_stopped_mid_run_leaves_in_flight_messages_to_a_restarted_host_which_completes_the_run()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        // Slow answers (and no attempt timeout before them): the first host stops while every lead it took is still
        // waiting for one. Slow, not endless, so nothing can hold the test much longer if a stop ever waits for them.
        gemini.Reply(GeminiReply.Intent("High", 0.9).After(TimeSpan.FromSeconds(20)));
        var first = await RunningLocalHost.StartAsync(
            account.ConnectionString,
            RunningLocalHost.FastQueues,
            RunningLocalHost.SmallBatches,
            gemini.Settings(("Gemini:TimeoutSeconds", "60"), ("Gemini:TotalTimeoutSeconds", "120")));
        await first.CreateOfferAsync();
        await first.UploadAsync(Generated.Csv(12));
        var runId = await first.StartRunAsync();
        // Stop once more than newBatchThreshold (8) leads wait in Gemini calls: the listener then sends no receive. A
        // receive that storage carries out but that the stop cancels would hide its messages for the SDK's 10-minute
        // receive visibility (docs/security.md), which is not what this test is about. Not all 12: when the first
        // receive got only some of them, the rest are received only once answers come, 20 s later (seen under load).
        await Generated.WaitUntilAsync(() => Task.FromResult(gemini.Requests.Sum(r => r.Prospects.Count) > 8), cancellation);

        await first.DisposeAsync();
        var stopped = await RunStatusAsync(account.ConnectionString, runId);
        Assert.Equal((0, 0), stopped); // the stop cancelled every lead it held: none was scored or failed
        gemini.Reply(GeminiReply.Intent("High", 0.9));
        await using var second = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.FastQueues, gemini.Settings());
        var run = await second.WaitForRunAsync(runId, cancellation);

        Assert.Equal((12, 12, 0), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        var results = (await second.Client.GetFromJsonAsync<JsonElement[]>("results", cancellation))!;
        Assert.Equal(12, results.Select(r => r.GetProperty("lead_id").GetString()).Distinct().Count());
        Assert.All(results, r => Assert.Equal("ai", r.GetProperty("source").GetString()));
        Assert.Equal(24, await CountRowsAsync(account.ConnectionString, StorageNames.Results));
    }

    [Fact(Timeout = 180_000)]
    public async Task Host_stopped_mid_import_leaves_the_rest_to_a_restarted_host_which_stores_each_row_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        // 6,000 rows in 12 parts of 500, stored in the background from the first row past 100.
        var parts = new Dictionary<string, string?> { ["Upload:InlineMaxRows"] = "100", ["Upload:PartRows"] = "500" };
        var csv = Generated.Csv(6000);
        var first = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.FastQueues, RunningLocalHost.NoAi, parts);
        using var upload = await first.Client.PostAsync("leads/upload", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), cancellation);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, upload.StatusCode);
        var location = upload.Headers.Location!.ToString().TrimStart('/');
        await Generated.WaitUntilAsync(async () => (await first.Client.GetFromJsonAsync<JsonElement>(location, cancellation)).GetProperty("rows_imported").GetInt64() > 0, cancellation);

        await first.DisposeAsync();
        var stopped = await new TableServiceClient(account.ConnectionString).GetTableClient(StorageNames.Uploads)
            .QueryAsync<TableEntity>(cancellationToken: cancellation).FirstAsync(cancellation);
        await using var second = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.FastQueues, RunningLocalHost.NoAi, parts);
        JsonElement imported = default;
        await Generated.WaitUntilAsync(async () =>
            (imported = await second.Client.GetFromJsonAsync<JsonElement>(location, cancellation)).GetProperty("status").GetString() != "importing", cancellation);

        Assert.InRange(stopped.GetInt32("PartsDone")!.Value, 1, 11); // the restart came mid-import
        Assert.Equal("imported", imported.GetProperty("status").GetString());
        Assert.Equal((6000, 0, 0), (imported.GetProperty("inserted").GetInt32(), imported.GetProperty("updated").GetInt32(), imported.GetProperty("unchanged").GetInt32()));
        Assert.Equal(6000, await CountRowsAsync(account.ConnectionString, StorageNames.Leads));
        // The index the restarted host saved holds every person: the same file again stores no one.
        using var again = await second.Client.PostAsync("leads/upload", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), cancellation);
        var repeat = again.Headers.Location!.ToString().TrimStart('/');
        await Generated.WaitUntilAsync(async () =>
            (imported = await second.Client.GetFromJsonAsync<JsonElement>(repeat, cancellation)).GetProperty("status").GetString() != "importing", cancellation);
        Assert.Equal((0, 6000), (imported.GetProperty("inserted").GetInt32(), imported.GetProperty("unchanged").GetInt32()));
        Assert.Equal(6000, await CountRowsAsync(account.ConnectionString, StorageNames.Leads));
    }

    [Fact(Timeout = 120_000)]
    public async Task Local_host_takes_queue_timings_from_app_settings_over_host_json()
    {
        await using var account = await azurite.RentAccountAsync(TestContext.Current.CancellationToken);

        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.FastQueues, RunningLocalHost.NoAi);

        var queues = host.Services.GetRequiredService<IOptions<Microsoft.Azure.WebJobs.Host.QueuesOptions>>().Value;
        Assert.Equal(
            (TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)),
            (queues.VisibilityTimeout, queues.MaxPollingInterval));
        // What the settings do not name still comes from host.json.
        Assert.Equal((32, HostJson.Load().MaxDequeueCount), (queues.BatchSize, queues.MaxDequeueCount));
    }

    [Fact(Timeout = 120_000)]
    public async Task Message_that_can_never_succeed_goes_to_poison_after_max_dequeue_count_and_the_lead_reads_failed()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.FastQueues, RunningLocalHost.NoAi);
        await host.CreateOfferAsync();
        await host.UploadAsync("name,role,company,industry\nAda,CTO,Acme,saas\n");
        // Every attempt to write the result fails: the table is gone (the host created it at start).
        await new TableServiceClient(account.ConnectionString).DeleteTableAsync(StorageNames.Results, cancellation);

        var run = await host.WaitForRunAsync(await host.StartRunAsync(), cancellation);

        Assert.Equal((1, 0, 1), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        var failure = Assert.Single(run.GetProperty("failures").EnumerateArray());
        Assert.Equal(
            "Scoring failed on every attempt. Last error: Storage request failed with status 404 (TableNotFound).",
            failure.GetProperty("error").GetString());
        // What the WebJobs SDK logs: each failed invocation, then the move to the poison queue.
        var attempts = host.Logs.GetSnapshot().Count(r => r.Id.Name == "FunctionCompleted" && r.Level == LogLevel.Error && r.Category == "Function.ScoreLead");
        Assert.Equal(HostJson.Load().MaxDequeueCount, attempts);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message.Contains($"Moving message to queue '{StorageNames.ScoreLeadsPoison}'", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Same_message_queued_many_times_leaves_one_result_and_counts_the_lead_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.FastQueues, RunningLocalHost.NoAi);
        await host.CreateOfferAsync();
        await host.UploadAsync("name,role,company,industry\nAda,CTO,Acme,saas\n");
        var runId = await host.StartRunAsync();
        var run = await host.WaitForRunAsync(runId, cancellation);
        var leadId = Assert.Single((await host.Client.GetFromJsonAsync<JsonElement[]>("results", cancellation))!).GetProperty("lead_id").GetString()!;
        var queue = host.Services.GetRequiredService<ScoreQueue>();

        // One batch: the listener runs them side by side, as a host that received duplicates would.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            queue.SendAsync(new ScoreLeadMessage(runId, run.GetProperty("offer_id").GetString()!, leadId), cancellation)));
        await Generated.WaitUntilAsync(async () => await MessagesAsync(host) == 0, cancellation);

        var after = await host.GetRunAsync(runId);
        Assert.Equal((1, 1, 0), (after.GetProperty("queued").GetInt32(), after.GetProperty("scored").GetInt32(), after.GetProperty("failed").GetInt32()));
        Assert.Single((await host.Client.GetFromJsonAsync<JsonElement[]>("results", cancellation))!);
        Assert.Equal(2, await CountRowsAsync(host.Services.GetRequiredService<TableServiceClient>(), StorageNames.Results));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Id.Name == "LogInvocationFailed");
    }

    [Fact]
    public async Task Concurrent_invocations_with_one_message_score_the_lead_once()
    {
        gemini.Reply(GeminiReply.Intent("High", 0.9).After(TimeSpan.FromMilliseconds(100)));
        await using var app = await TestApp.StartAsync(azurite, gemini.Settings());
        await app.CreateOfferIdAsync();
        await app.UploadAsync("name,role,company,industry\nAda,CTO,Acme,saas\n");
        var start = (await app.StartScoringAsync()).Json();
        var (runId, offerId) = (start.GetProperty("run_id").GetString()!, start.GetProperty("offer_id").GetString()!);
        await app.Queues.DeliverAsync<PlanLeadsMessage>(StorageNames.PlanLeads, app.Function<PlanLeads>().Run, TestApp.Cancellation);
        // The planner queued the lead's one message; every invocation below gets a copy of it.
        var queued = (await app.Get<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(StorageNames.ScoreLeads).PeekMessageAsync(TestApp.Cancellation)).Value;
        var message = queued.Body.ToObjectFromJson<ScoreLeadMessage>(QueueJson.Options)!;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.Function<ScoreLead>().Run(message, TestApp.Cancellation)));

        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((1, 1, 0), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.True(run.GetProperty("done").GetBoolean());
        Assert.Single(TestApp.Array(await app.GetResultsAsync()));
        Assert.Equal(2, await CountRowsAsync(app.Get<TableServiceClient>(), StorageNames.Results));
    }

    [Fact]
    public async Task Redelivered_message_of_a_counted_lead_does_not_call_the_ai_again()
    {
        gemini.Reply(GeminiReply.Intent("High", 0.9));
        await using var app = await TestApp.StartAsync(azurite, gemini.Settings());
        await app.CreateOfferIdAsync();
        await app.UploadAsync("name,role,company,industry\nAda,CTO,Acme,saas\n");
        var start = (await app.StartScoringAsync()).Json();
        var runId = start.GetProperty("run_id").GetString()!;
        await app.Queues.DeliverAsync<PlanLeadsMessage>(StorageNames.PlanLeads, app.Function<PlanLeads>().Run, TestApp.Cancellation);
        var queued = (await app.Get<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(StorageNames.ScoreLeads).PeekMessageAsync(TestApp.Cancellation)).Value;
        var message = queued.Body.ToObjectFromJson<ScoreLeadMessage>(QueueJson.Options)!;
        await app.Function<ScoreLead>().Run(message, TestApp.Cancellation);
        var callsForTheLead = gemini.RequestCount;

        await app.Function<ScoreLead>().Run(message, TestApp.Cancellation);

        Assert.Equal(1, callsForTheLead);
        Assert.Equal(callsForTheLead, gemini.RequestCount);
        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((1, 1), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32()));
    }

    public void Dispose() => gemini.Dispose();

    private static async Task<int> MessagesAsync(RunningLocalHost host)
    {
        var queues = host.Services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>();
        var properties = await queues.GetQueueClient(StorageNames.ScoreLeads).GetPropertiesAsync(TestContext.Current.CancellationToken);
        return properties.Value.ApproximateMessagesCount;
    }

    private static async Task<(int Scored, int Failed)> RunStatusAsync(string connectionString, string runId)
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var runs = new RunTable(
            new TableServiceClient(connectionString), new ConflictRetry(TimeProvider.System), cache, TimeProvider.System);
        var status = await runs.GetStatusAsync(runId, TestContext.Current.CancellationToken);
        return (status!.Scored, status.Failed);
    }

    private static Task<int> CountRowsAsync(string connectionString, string table) => CountRowsAsync(new TableServiceClient(connectionString), table);

    private static async Task<int> CountRowsAsync(TableServiceClient service, string table)
    {
        var count = 0;
        await foreach (var _ in service.GetTableClient(table).QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: TestContext.Current.CancellationToken)) count++;
        return count;
    }
}
