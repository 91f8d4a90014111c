using Azure.Data.Tables;
using Azure.Storage.Queues;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Runs;

/// <summary>At-least-once delivery: duplicates, failures that retry into the poison queue, and messages that can never succeed.</summary>
public sealed class ScoringPipelineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Redelivered_messages_leave_one_result_per_lead_and_count_each_lead_once()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        var runId = await app.StartRunAsync();
        await app.ProcessQueuesAsync();
        var leadIds = TestApp.Array(await app.GetResultsAsync()).Select(r => r.GetProperty("lead_id").GetString()!).ToList();
        var offerId = (await app.GetRunAsync(runId)).Json().GetProperty("offer_id").GetString()!;

        foreach (var leadId in leadIds.Concat(leadIds))
        {
            await app.Get<ScoreQueue>().SendAsync(new ScoreLeadMessage(runId, offerId, leadId), TestApp.Cancellation);
        }

        await app.ProcessQueuesAsync();

        Assert.Equal(3, TestApp.Array(await app.GetResultsAsync()).Length);
        Assert.Equal(6, await CountResultRowsAsync(app, offerId));
        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((3, 3, 0), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.Empty(app.Queues.Failures);
    }

    [Fact]
    public async Task Redelivered_fan_out_step_queues_its_leads_only_once()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        var uploadId = (await app.UploadAsync()).Json().GetProperty("upload_id").GetString()!;
        var start = (await app.StartScoringAsync()).Json();
        var (runId, offerId) = (start.GetProperty("run_id").GetString()!, start.GetProperty("offer_id").GetString()!);
        await app.Queues.DeliverAsync<PlanLeadsMessage>(StorageNames.PlanLeads, app.Function<PlanLeads>().Run, TestApp.Cancellation);

        // The same step again, as if its message had been redelivered after it ran.
        await app.Function<PlanLeads>().Run(new PlanLeadsMessage(runId, offerId, uploadId, 1, 4), TestApp.Cancellation);

        Assert.Equal(3, await CountAsync(Queue(app, StorageNames.ScoreLeads)));
        await app.ProcessQueuesAsync();
        Assert.Equal(3, TestApp.Array(await app.GetResultsAsync()).Length);
        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((3, 0), (run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.True(run.GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task Fan_out_queues_only_what_the_score_queue_has_room_for_and_sends_the_rest_as_its_next_step()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Runs:MaxQueuedLeads"] = "2" });
        await app.CreateOfferIdAsync();
        var uploadId = (await app.UploadAsync()).Json().GetProperty("upload_id").GetString()!;
        var start = (await app.StartScoringAsync()).Json();
        var (runId, offerId) = (start.GetProperty("run_id").GetString()!, start.GetProperty("offer_id").GetString()!);
        var (scoreQueue, planQueue) = (Queue(app, StorageNames.ScoreLeads), Queue(app, StorageNames.PlanLeads));

        await app.Queues.DeliverAsync<PlanLeadsMessage>(StorageNames.PlanLeads, app.Function<PlanLeads>().Run, TestApp.Cancellation);

        Assert.Equal(["John Smith", "Sarah Johnson"], (await ScoreMessagesAsync(scoreQueue)).Select(m => m.CarriedLead()!.Name).Order());
        var next = Assert.Single((await planQueue.PeekMessagesAsync(32, TestApp.Cancellation)).Value).Body.ToObjectFromJson<PlanLeadsMessage>(QueueJson.Options)!;
        Assert.Equal(new PlanLeadsMessage(runId, offerId, uploadId, 4, 4, Expected: 3), next);

        await app.Queues.DeliverAsync<ScoreLeadMessage>(StorageNames.ScoreLeads, app.Function<ScoreLead>().Run, TestApp.Cancellation);
        await app.ProcessQueuesAsync();

        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((3, 0), (run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task Fan_out_step_waits_while_the_score_queue_is_full_and_queues_its_leads_once_it_drains()
    {
        var settings = new Dictionary<string, string?> { ["Runs:MaxQueuedLeads"] = "3", ["Runs:MaxFanOutWait"] = "00:01:00" };
        await using var app = await TestApp.StartAsync(azurite, settings);
        await app.CreateOfferIdAsync();
        var uploadId = (await app.UploadAsync()).Json().GetProperty("upload_id").GetString()!;
        var start = (await app.StartScoringAsync()).Json();
        // A step that has waited before: it backs off for at least 30 s now, so it is still invisible when looked at.
        var step = new PlanLeadsMessage(start.GetProperty("run_id").GetString()!, start.GetProperty("offer_id").GetString()!, uploadId, 1, 4, Waits: 5);
        var (scoreQueue, planQueue) = (Queue(app, StorageNames.ScoreLeads), Queue(app, StorageNames.PlanLeads));
        await planQueue.ClearMessagesAsync(TestApp.Cancellation);
        foreach (var _ in Enumerable.Range(0, 3)) await scoreQueue.SendMessageAsync("another run's lead", cancellationToken: TestApp.Cancellation);

        await app.Function<PlanLeads>().Run(step, TestApp.Cancellation);

        Assert.Equal(3, await CountAsync(scoreQueue));
        Assert.Equal(1, await CountAsync(planQueue));
        Assert.Empty((await planQueue.PeekMessagesAsync(cancellationToken: TestApp.Cancellation)).Value);

        await scoreQueue.ClearMessagesAsync(TestApp.Cancellation);
        await app.Function<PlanLeads>().Run(step with { Waits = 6 }, TestApp.Cancellation);

        Assert.Equal(["John Smith", "Mike Chen", "Sarah Johnson"], (await ScoreMessagesAsync(scoreQueue)).Select(m => m.CarriedLead()!.Name).Order());
    }

    [Fact]
    public async Task Score_message_is_scored_from_the_fields_it_carries()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        var start = (await app.StartScoringAsync()).Json();
        var (runId, offerId) = (start.GetProperty("run_id").GetString()!, start.GetProperty("offer_id").GetString()!);
        var lead = new Lead("20260101000000000-000000-00000002", "Grace", "Chief Technology Officer", "Navy", "saas", "Arlington", "Compilers");

        await app.Function<ScoreLead>().Run(ScoreLeadMessage.For(runId, offerId, lead), TestApp.Cancellation);

        var result = Assert.Single(TestApp.Array(await app.GetResultsAsync()));
        Assert.Equal(("20260101000000000-000000-00000002", "Grace", "Navy"),
            (result.GetProperty("lead_id").GetString(), result.GetProperty("name").GetString(), result.GetProperty("company").GetString()));
    }

    [Fact]
    public async Task Message_that_always_fails_ends_in_the_poison_queue_and_the_lead_shows_failed_with_the_reason()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync("name,role,company,industry\nAda,CTO,Acme,saas\n");
        var runId = await app.StartRunAsync();
        // Every attempt to write the result fails: the table is gone.
        await app.Get<TableServiceClient>().DeleteTableAsync(StorageNames.Results, TestApp.Cancellation);

        await app.ProcessQueuesAsync();

        var maxDequeueCount = HostJson.Load().MaxDequeueCount;
        Assert.Equal(maxDequeueCount, app.Queues.Failures.Count);
        var run = (await app.GetRunAsync(runId)).AssertStatus(StatusCodes.Status200OK).Json();
        Assert.Equal((1, 0, 1), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.True(run.GetProperty("done").GetBoolean());
        var failure = Assert.Single(run.GetProperty("failures").EnumerateArray());
        Assert.EndsWith("-00000002", failure.GetProperty("lead_id").GetString());
        Assert.Equal(
            "Scoring failed on every attempt. Last error: Storage request failed with status 404 (TableNotFound).",
            failure.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Fan_out_chunk_that_always_fails_marks_its_leads_failed()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        var runId = await app.StartRunAsync();
        // Every attempt to send a score message fails: the queue is gone.
        await app.Get<QueueServiceClient>().DeleteQueueAsync(StorageNames.ScoreLeads, TestApp.Cancellation);

        while (await app.Queues.DeliverAsync<PlanLeadsMessage>(StorageNames.PlanLeads, app.Function<PlanLeads>().Run, TestApp.Cancellation)
            + await app.Queues.DeliverAsync<PlanLeadsMessage>(StorageNames.PlanLeadsPoison, app.Function<PlanLeadsPoison>().Run, TestApp.Cancellation) > 0)
        {
        }

        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((0, 3), (run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.True(run.GetProperty("done").GetBoolean());
        Assert.All(run.GetProperty("failures").EnumerateArray(), f => Assert.Contains("could not be queued", f.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Message_for_an_unknown_offer_fails_the_lead_at_once_without_retries()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync("name,role,company,industry\nAda,CTO,Acme,saas\n");
        var start = (await app.StartScoringAsync()).Json();
        var runId = start.GetProperty("run_id").GetString()!;
        var message = new ScoreLeadMessage(runId, "no-such-offer", LeadTable.LeadId("20260101000000000-000000", 2));

        await app.Function<ScoreLead>().Run(message, TestApp.Cancellation);

        var run = (await app.GetRunAsync(runId)).Json();
        var failure = Assert.Single(run.GetProperty("failures").EnumerateArray());
        Assert.Equal("Offer 'no-such-offer' does not exist.", failure.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Message_for_an_unknown_lead_fails_the_lead_at_once_without_retries()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        var start = (await app.StartScoringAsync()).Json();
        var (runId, offerId) = (start.GetProperty("run_id").GetString()!, start.GetProperty("offer_id").GetString()!);
        await app.Get<ScoreQueue>().SendAsync(new ScoreLeadMessage(runId, offerId, "20260101000000000-000000-00000009"), TestApp.Cancellation);

        await app.ProcessQueuesAsync();

        Assert.Empty(app.Queues.Failures);
        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((3, 1), (run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        var failure = Assert.Single(run.GetProperty("failures").EnumerateArray());
        Assert.Equal("Lead '20260101000000000-000000-00000009' does not exist.", failure.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Message_for_an_unknown_run_is_dropped_without_retries()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offerId = await app.CreateOfferIdAsync();
        await app.Get<ScoreQueue>().SendAsync(new ScoreLeadMessage("no-such-run", offerId, "x-00000002"), TestApp.Cancellation);
        await app.Get<ScoreQueue>().SendAsync(new ScoreLeadMessage("bad#run", offerId, "x-00000002"), TestApp.Cancellation);

        await app.ProcessQueuesAsync();

        Assert.Empty(app.Queues.Failures);
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Runs));
    }

    private static QueueClient Queue(TestApp app, string name) => app.Get<QueueServiceClient>().GetQueueClient(name);

    private static async Task<List<ScoreLeadMessage>> ScoreMessagesAsync(QueueClient queue) =>
        [.. (await queue.PeekMessagesAsync(32, TestApp.Cancellation)).Value.Select(m => m.Body.ToObjectFromJson<ScoreLeadMessage>(QueueJson.Options)!)];

    private static async Task<int> CountAsync(QueueClient queue) =>
        (await queue.GetPropertiesAsync(TestApp.Cancellation)).Value.ApproximateMessagesCount;

    private static async Task<int> CountResultRowsAsync(TestApp app, string offerId)
    {
        var count = 0;
        var table = app.Get<TableServiceClient>().GetTableClient(StorageNames.Results);
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == offerId, cancellationToken: TestApp.Cancellation)) count++;
        return count;
    }
}
