using System.Text.Json;
using Azure.Storage.Queues;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;

namespace LeadScoring.Functions.Tests.Runs;

public sealed class RunPlannerTests(AzuriteFixture azurite)
{
    private const int Starts = 8;

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

    private static async Task<Offer> OfferAsync(TestApp app) =>
        (await app.Get<OfferTable>().GetAsync(await app.CreateOfferIdAsync(), TestApp.Cancellation))!;

    private static async Task<List<PlanLeadsMessage>> PlanMessagesAsync(TestApp app)
    {
        var peeked = await app.Get<QueueServiceClient>().GetQueueClient(StorageNames.PlanLeads).PeekMessagesAsync(32, TestApp.Cancellation);
        return peeked.Value.Select(message => JsonSerializer.Deserialize<PlanLeadsMessage>(message.Body.ToString())!).ToList();
    }
}
