using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Reliability;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Pipeline;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Tests.Runs;

/// <summary>
/// The sweeper carries on runs and imports whose messages an instance took and never finished (it died, or lost
/// storage): here a test takes them, as that instance would have, and hides them for the listener's 10 minutes.
/// </summary>
public sealed class SweeperTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(1);
    private static readonly Azure.Core.Serialization.ObjectSerializer Serializer = TestApp.WorkerSerializer();

    private static Dictionary<string, string?> Quick(int maxRedrives = 3) => new()
    {
        ["Sweep:StallAfter"] = "00:00:01",
        ["Sweep:MaxRedrives"] = maxRedrives.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sweep:GiveUpAfter"] = "00:00:01",
    };

    [Fact]
    public async Task Stalled_run_gets_its_uncounted_leads_again_and_a_late_original_counts_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite, Quick());
        var offerId = await app.CreateOfferIdAsync();
        await app.UploadAsync(Generated.Csv(10));
        var runId = await app.StartRunAsync();
        await app.Queues.DeliverAsync<PlanLeadsMessage>(StorageNames.PlanLeads, app.Function<PlanLeads>().Run, TestApp.Cancellation);
        // Three leads are scored; a dying instance took the other seven.
        await DeliverAsync(app, 3);
        var held = await HoldAsync(app, StorageNames.ScoreLeads);
        Assert.Equal(7, held.Length);

        await Task.Delay(StallAfter, TestApp.Cancellation);
        await SweepAsync(app);
        await app.ProcessQueuesAsync();
        var run = (await app.GetRunAsync(runId)).Json();
        // The instance's messages come back after all, as they do after the 10 minutes.
        foreach (var message in held) await Queue(app, StorageNames.ScoreLeads).UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: TestApp.Cancellation);
        await app.ProcessQueuesAsync();
        var after = (await app.GetRunAsync(runId)).Json();

        Assert.Equal((10, 10, 0, true, 7), Figures(run));
        Assert.Equal(Figures(run), Figures(after));
        Assert.Equal(10, TestApp.Array(await app.GetResultsAsync()).Length);
        Assert.Equal(20, await CountRowsAsync(app, StorageNames.Results, offerId)); // a pointer and a score row per lead, nothing twice
        Assert.Empty(app.Queues.Failures);
    }

    [Fact]
    public async Task Run_that_counted_a_lead_within_the_stall_time_is_left_alone()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>(Quick()) { ["Sweep:StallAfter"] = "00:00:03" });
        var runId = await FannedOutRunAsync(app, 10);
        var held = await HoldAsync(app, StorageNames.ScoreLeads);
        // Older than the stall time, but a lead was counted just now.
        await Task.Delay(TimeSpan.FromSeconds(3), TestApp.Cancellation);
        await DeliverHeldAsync(app, held[0]);

        await SweepAsync(app);

        Assert.Equal(0, await CountAsync(Queue(app, StorageNames.ScoreLeads)));
        Assert.Equal(0, Redriven((await app.GetRunAsync(runId)).Json(), "sweeps"));
        Assert.Equal(1, await app.CountEntitiesAsync(StorageNames.Sweeps));
    }

    [Fact]
    public async Task Run_whose_leads_wait_behind_other_messages_is_left_alone()
    {
        await using var app = await TestApp.StartAsync(azurite, Quick());
        var runId = await FannedOutRunAsync(app, 10);
        await Task.Delay(StallAfter, TestApp.Cancellation);

        // Nothing counted for the stall time, but its leads wait in the queue for the instances to get to them.
        await SweepAsync(app);

        Assert.Equal(10, await CountAsync(Queue(app, StorageNames.ScoreLeads)));
        Assert.Equal(0, Redriven((await app.GetRunAsync(runId)).Json(), "sweeps"));
    }

    [Fact]
    public async Task Start_that_failed_part_way_is_carried_on_only_with_the_uploads_it_kept()
    {
        await using var app = await TestApp.StartAsync(azurite, Quick());
        var offer = (await app.Get<OfferTable>().GetAsync(await app.CreateOfferIdAsync(), TestApp.Cancellation))!;
        await app.UploadAsync(Generated.Csv(3, "First"));
        await app.UploadAsync(Generated.Csv(2, "Second"));
        var failure = await Assert.ThrowsAsync<RunStartFailedException>(() =>
            FailingPlanQueue.Planner(app, sends: 1).StartAsync(offer, rescore: false, TestApp.Cancellation));
        // The one step it sent is lost with the instance that took it.
        Assert.Single(await HoldAsync(app, StorageNames.PlanLeads));
        await Task.Delay(StallAfter, TestApp.Cancellation);

        await SweepAsync(app);
        await app.ProcessQueuesAsync();

        var run = (await app.GetRunAsync(failure.RunId!)).Json();
        Assert.Equal((failure.Queued, failure.Queued, 0, true, 0), Figures(run));
        Assert.Equal(1, Redriven(run, "fan_out_steps"));
        // The upload it gave back is queued by the next start, once.
        Assert.Equal(5 - failure.Queued, (await app.Get<RunPlanner>().StartAsync(offer, rescore: false, TestApp.Cancellation)).Queued);
    }

    [Fact]
    public async Task Run_that_an_instance_still_works_on_is_left_alone_until_nothing_is_in_flight()
    {
        await using var app = await TestApp.StartAsync(azurite, Quick());
        var runId = await FannedOutRunAsync(app, 10);
        await HoldAsync(app, StorageNames.ScoreLeads);
        var heartbeat = app.Get<SweepHeartbeat>();
        await heartbeat.StartAsync(TestApp.Cancellation);

        // A lead of the run waits (for Gemini's rate limiter, say) for twice the stall time: nothing is counted meanwhile.
        using (heartbeat.Enter(SweepTable.Run, runId))
        {
            await Task.Delay(2 * StallAfter, TestApp.Cancellation);
            await SweepAsync(app);
        }

        var alive = await CountAsync(Queue(app, StorageNames.ScoreLeads));
        await Task.Delay(StallAfter + TimeSpan.FromMilliseconds(500), TestApp.Cancellation);
        await SweepAsync(app);
        await heartbeat.StopAsync(TestApp.Cancellation);

        Assert.Equal(0, alive);
        Assert.Equal(10, await CountAsync(Queue(app, StorageNames.ScoreLeads)));
        Assert.Equal(1, Redriven((await app.GetRunAsync(runId)).Json(), "sweeps"));
    }

    [Fact]
    public async Task Fan_out_step_held_by_a_dead_instance_is_sent_again_and_the_run_completes()
    {
        await using var app = await TestApp.StartAsync(azurite, Quick());
        await app.CreateOfferIdAsync();
        await app.UploadAsync(Generated.Csv(10));
        var runId = await app.StartRunAsync();
        Assert.Single(await HoldAsync(app, StorageNames.PlanLeads));

        await Task.Delay(StallAfter, TestApp.Cancellation);
        await SweepAsync(app);
        await app.ProcessQueuesAsync();

        // Nothing was queued before the stall, so no lead was sent again: the step queued every lead once.
        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((10, 10, 0, true, 0), Figures(run));
        Assert.Equal((1, 1), (Redriven(run, "sweeps"), Redriven(run, "fan_out_steps")));
        Assert.Equal(10, TestApp.Array(await app.GetResultsAsync()).Length);
    }

    [Fact]
    public async Task Lead_that_stalls_its_run_past_the_redrive_bound_is_counted_failed_with_the_reason()
    {
        await using var app = await TestApp.StartAsync(azurite, Quick(maxRedrives: 1));
        var runId = await FannedOutRunAsync(app, 4);
        await DeliverAsync(app, 3);

        // The fourth lead's message is lost twice: once as sent by the fan-out, once as sent again by the sweeper.
        Assert.Single(await HoldAsync(app, StorageNames.ScoreLeads));
        await Task.Delay(StallAfter, TestApp.Cancellation);
        await SweepAsync(app);
        Assert.Single(await HoldAsync(app, StorageNames.ScoreLeads));
        await Task.Delay(StallAfter, TestApp.Cancellation);
        await SweepAsync(app);

        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((4, 3, 1, true, 1), Figures(run));
        Assert.Contains("sent again 1 times", run.GetProperty("failures")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(Queue(app, StorageNames.ScoreLeads)));
    }

    [Fact]
    public async Task Two_sweepers_at_once_send_each_stalled_lead_again_once()
    {
        await using var app = await TestApp.StartAsync(azurite, Quick());
        var runId = await FannedOutRunAsync(app, 10);
        await HoldAsync(app, StorageNames.ScoreLeads);
        await Task.Delay(StallAfter, TestApp.Cancellation);

        await Task.WhenAll(SweepAsync(app), SweepAsync(app));

        Assert.Equal(10, await CountAsync(Queue(app, StorageNames.ScoreLeads)));
        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((1, 10), (Redriven(run, "sweeps"), Redriven(run, "leads")));
    }

    [Fact]
    public async Task Run_waiting_for_the_daily_quota_is_left_to_wait()
    {
        await using var app = await TestApp.StartAsync(azurite, Quick());
        var runId = await FannedOutRunAsync(app, 5);
        await HoldAsync(app, StorageNames.ScoreLeads);
        await app.Get<RunTable>().MarkWaitingForQuotaAsync(runId, DateTimeOffset.UtcNow.AddHours(3), TestApp.Cancellation);
        await Task.Delay(StallAfter, TestApp.Cancellation);

        await SweepAsync(app);

        Assert.Equal(0, await CountAsync(Queue(app, StorageNames.ScoreLeads)));
        Assert.Equal(0, Redriven((await app.GetRunAsync(runId)).Json(), "sweeps"));
    }

    [Fact]
    public async Task Finished_runs_and_imports_are_no_longer_watched()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>(Quick()) { ["Upload:InlineMaxRows"] = "3", ["Upload:PartRows"] = "100" });
        await app.CreateOfferIdAsync();
        Assert.Equal(StatusCodes.Status202Accepted, (await app.UploadAsync(Generated.Csv(250))).Status);
        await app.ProcessQueuesAsync();
        await app.StartRunAsync();
        await app.ProcessQueuesAsync();
        Assert.Equal(2, await app.CountEntitiesAsync(StorageNames.Sweeps)); // the import and the run

        await Task.Delay(StallAfter, TestApp.Cancellation);
        await SweepAsync(app);

        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Sweeps));
        Assert.Equal(0, await CountAsync(Queue(app, StorageNames.ScoreLeads)) + await CountAsync(Queue(app, StorageNames.PlanLeads)) + await CountAsync(Queue(app, StorageNames.ImportLeads)));
    }

    [Fact]
    public async Task Stalled_import_gets_its_next_step_again_and_stores_each_row_once()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>(Quick()) { ["Upload:InlineMaxRows"] = "3", ["Upload:PartRows"] = "100" });
        var upload = await app.UploadAsync(Generated.Csv(250));
        Assert.Equal(StatusCodes.Status202Accepted, upload.Status);
        var uploadId = upload.Json().GetProperty("upload_id").GetString()!;
        // Part 1 of 3 is stored; the step for part 2 is taken by an instance that dies.
        await app.Queues.DeliverAsync<ImportLeadsMessage>(StorageNames.ImportLeads, app.Function<ImportLeads>().Run, TestApp.Cancellation);
        Assert.Single(await HoldAsync(app, StorageNames.ImportLeads));

        await Task.Delay(StallAfter, TestApp.Cancellation);
        await SweepAsync(app);
        await app.ProcessQueuesAsync();

        // Counted once per part: a part stored twice would have counted its rows twice.
        var stored = await app.Get<UploadTable>().GetAsync(uploadId, TestApp.Cancellation);
        Assert.Equal((UploadStatus.Imported, 250, 250L), (stored!.Status, stored.Inserted, stored.RowsImported));
        Assert.Empty(app.Queues.Failures);
    }

    [Fact]
    public async Task Import_that_stalls_at_the_same_part_past_the_bound_fails_with_the_reason()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>(Quick(maxRedrives: 1)) { ["Upload:InlineMaxRows"] = "3", ["Upload:PartRows"] = "100" });
        var uploadId = (await app.UploadAsync(Generated.Csv(250))).Json().GetProperty("upload_id").GetString()!;
        Assert.Single(await HoldAsync(app, StorageNames.ImportLeads));
        await Task.Delay(StallAfter, TestApp.Cancellation);
        await SweepAsync(app);
        Assert.Single(await HoldAsync(app, StorageNames.ImportLeads));
        await Task.Delay(StallAfter, TestApp.Cancellation);

        await SweepAsync(app);

        var stored = await app.Get<UploadTable>().GetAsync(uploadId, TestApp.Cancellation);
        Assert.Equal(UploadStatus.Failed, stored!.Status);
        Assert.Contains("part 1 of 3", stored.Failure, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(Queue(app, StorageNames.ImportLeads)));
    }

    /// <summary>Scores a message taken from the queue, as the instance that received it would.</summary>
    private static async Task DeliverHeldAsync(TestApp app, QueueMessage message)
    {
        var lead = (ScoreLeadMessage)(await Serializer.DeserializeAsync(message.Body.ToStream(), typeof(ScoreLeadMessage), TestApp.Cancellation))!;
        await app.Function<ScoreLead>().Run(lead, TestApp.Cancellation);
        await Queue(app, StorageNames.ScoreLeads).DeleteMessageAsync(message.MessageId, message.PopReceipt, TestApp.Cancellation);
    }

    /// <summary>An offer, a file of <paramref name="leads"/> leads and a run whose one fan-out step queued them all.</summary>
    private static async Task<string> FannedOutRunAsync(TestApp app, int leads)
    {
        await app.CreateOfferIdAsync();
        await app.UploadAsync(Generated.Csv(leads));
        var runId = await app.StartRunAsync();
        await app.Queues.DeliverAsync<PlanLeadsMessage>(StorageNames.PlanLeads, app.Function<PlanLeads>().Run, TestApp.Cancellation);
        return runId;
    }

    private static Task SweepAsync(TestApp app) => app.Function<SweepStalledWork>().Run(new TimerInfo(), TestApp.Cancellation);

    /// <summary>Scores <paramref name="count"/> queued leads, as a healthy instance would.</summary>
    private static async Task DeliverAsync(TestApp app, int count)
    {
        var queue = Queue(app, StorageNames.ScoreLeads);
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(count, TimeSpan.FromMinutes(1), TestApp.Cancellation);
        foreach (var message in messages)
        {
            var lead = (ScoreLeadMessage)(await Serializer.DeserializeAsync(message.Body.ToStream(), typeof(ScoreLeadMessage), TestApp.Cancellation))!;
            await app.Function<ScoreLead>().Run(lead, TestApp.Cancellation);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, TestApp.Cancellation);
        }
    }

    /// <summary>Takes every visible message of the queue and hides it for 10 minutes, as a listener that received it and then died.</summary>
    private static async Task<QueueMessage[]> HoldAsync(TestApp app, string queueName)
    {
        var held = new List<QueueMessage>();
        QueueMessage[] batch;
        do
        {
            batch = await Queue(app, queueName).ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), TestApp.Cancellation);
            held.AddRange(batch);
        }
        while (batch.Length > 0);
        return [.. held];
    }

    private static (int Queued, int Scored, int Failed, bool Done, int Redriven) Figures(JsonElement run) =>
        (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32(),
            run.GetProperty("done").GetBoolean(), Redriven(run, "leads"));

    private static int Redriven(JsonElement run, string figure) => run.GetProperty("redriven").GetProperty(figure).GetInt32();

    private static QueueClient Queue(TestApp app, string name) => app.Get<QueueServiceClient>().GetQueueClient(name);

    /// <summary>The messages a receive would get now (not the hidden ones, which the queue's own count includes).</summary>
    private static async Task<int> CountAsync(QueueClient queue) =>
        (await queue.PeekMessagesAsync(32, TestApp.Cancellation)).Value.Length;

    private static async Task<int> CountRowsAsync(TestApp app, string table, string partition)
    {
        var count = 0;
        await foreach (var _ in app.Get<TableServiceClient>().GetTableClient(table).QueryAsync<TableEntity>(row => row.PartitionKey == partition, select: ["RowKey"], cancellationToken: TestApp.Cancellation)) count++;
        return count;
    }
}
