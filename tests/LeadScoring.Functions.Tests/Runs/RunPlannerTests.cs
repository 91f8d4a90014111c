using System.Text.Json;
using Azure.Storage.Queues;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Pipeline;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Tests.Runs;

public sealed class RunPlannerTests(AzuriteFixture azurite)
{
    private const int Starts = 8;
    private const string TwoLeads = "name,role,company,industry\nAda,CTO,Acme,saas\nBob,Engineer,Initech,retail\n";

    [Fact]
    public async Task Racing_starts_for_one_offer_queue_each_upload_once()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offer = await OfferAsync(app);
        await app.UploadAsync();
        var planner = app.Get<RunPlanner>();

        var started = await Task.WhenAll(Enumerable.Range(0, Starts).Select(_ => planner.StartAsync(offer, rescore: false, TestApp.Cancellation)));

        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 3], started.Select(run => run.Queued).Order());
        foreach (var idle in started.Where(run => run.Queued == 0))
        {
            Assert.True((await app.Get<RunTable>().GetStatusAsync(idle.RunId, TestApp.Cancellation))!.Done);
        }

        var plans = await PlanMessagesAsync(app);
        Assert.Equal(started.Single(run => run.Queued == 3).RunId, Assert.Single(plans).RunId);
    }

    [Fact]
    public async Task Racing_rescores_each_queue_every_upload_again()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offer = await OfferAsync(app);
        await app.UploadAsync();
        var planner = app.Get<RunPlanner>();
        await planner.StartAsync(offer, rescore: false, TestApp.Cancellation);

        var started = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => planner.StartAsync(offer, rescore: true, TestApp.Cancellation)));

        Assert.All(started, run => Assert.Equal(3, run.Queued));
        Assert.Equal(3, (await PlanMessagesAsync(app)).Count);
    }

    [Fact]
    public async Task Start_that_fails_after_one_send_releases_the_upload_it_did_not_send_and_its_run_still_finishes()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offer = await OfferAsync(app);
        await app.UploadAsync();
        await app.UploadAsync(TwoLeads);
        var inserted = (await app.Get<UploadTable>().ListCommittedAsync(TestApp.Cancellation)).ToDictionary(upload => upload.UploadId, upload => upload.Leads);

        var failure = await Assert.ThrowsAsync<RunStartFailedException>(() =>
            FailingPlanQueue.Planner(app, sends: 1).StartAsync(offer, rescore: false, TestApp.Cancellation));

        var sent = Assert.Single(await PlanMessagesAsync(app)).UploadId;
        var unsent = Assert.Single(inserted.Keys, uploadId => uploadId != sent);
        Assert.Equal(inserted[sent], failure.Queued);
        Assert.Equal([sent], await app.Get<UploadTable>().ListQueuedAsync(offer.Id, TestApp.Cancellation));
        await app.ProcessQueuesAsync();
        var run = (await app.Get<RunTable>().GetStatusAsync(failure.RunId!, TestApp.Cancellation))!;
        Assert.Equal((inserted[sent], inserted[sent], 0), (run.Queued, run.Scored, run.Failed));
        Assert.NotNull(run.CompletedAt);
        var retry = await app.Get<RunPlanner>().StartAsync(offer, rescore: false, TestApp.Cancellation);
        Assert.Equal(inserted[unsent], retry.Queued);
    }

    [Fact]
    public async Task Start_that_sends_nothing_leaves_an_empty_completed_run_and_no_claim()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offer = await OfferAsync(app);
        await app.UploadAsync();

        var failure = await Assert.ThrowsAsync<RunStartFailedException>(() =>
            FailingPlanQueue.Planner(app, sends: 0).StartAsync(offer, rescore: false, TestApp.Cancellation));

        var run = (await app.Get<RunTable>().GetStatusAsync(failure.RunId!, TestApp.Cancellation))!;
        Assert.Equal((0, 0), (failure.Queued, run.Queued));
        Assert.NotNull(run.CompletedAt);
        Assert.Empty(await PlanMessagesAsync(app));
        Assert.Empty(await app.Get<UploadTable>().ListQueuedAsync(offer.Id, TestApp.Cancellation));
    }

    private static async Task<Offer> OfferAsync(TestApp app) =>
        (await app.Get<OfferTable>().GetAsync(await app.CreateOfferIdAsync(), TestApp.Cancellation))!;

    private static async Task<List<PlanLeadsMessage>> PlanMessagesAsync(TestApp app)
    {
        var peeked = await app.Get<QueueServiceClient>().GetQueueClient(StorageNames.PlanLeads).PeekMessagesAsync(32, TestApp.Cancellation);
        return peeked.Value.Select(message => JsonSerializer.Deserialize<PlanLeadsMessage>(message.Body.ToString(), QueueJson.Options)!).ToList();
    }
}
