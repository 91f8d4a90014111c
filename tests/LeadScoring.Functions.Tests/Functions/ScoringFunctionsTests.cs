using Azure.Storage.Queues;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

public sealed class ScoringFunctionsTests(AzuriteFixture azurite)
{
    private const string TwoLeads = "name,role,company,industry\nAda,CTO,Acme,saas\nBob,Engineer,Initech,retail\n";

    [Fact]
    public async Task StartScoring_returns_409_problem_when_no_offer_exists()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.StartScoringAsync();

        var problem = ProblemAssert.Problem(response, StatusCodes.Status409Conflict);
        Assert.Contains("POST /offer", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StartScoring_accepts_an_empty_body_as_the_latest_offer()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offerId = await app.CreateOfferIdAsync();
        await app.UploadAsync();

        var response = await app.HttpAsync<StartScoring>(Requests.Empty(), async (f, r, ct) => await f.Run(r, ct));

        var run = response.AssertStatus(StatusCodes.Status202Accepted).Json();
        Assert.Equal(offerId, run.GetProperty("offer_id").GetString());
        Assert.Equal(3, run.GetProperty("queued").GetInt32());
        Assert.Equal($"/score/runs/{run.GetProperty("run_id").GetString()}", response.Headers.Location.ToString());
    }

    [Fact]
    public async Task StartScoring_returns_404_problem_for_an_unknown_offer()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();

        var response = await app.StartScoringAsync("""{"offer_id": "missing-offer"}""");

        var problem = ProblemAssert.Problem(response, StatusCodes.Status404NotFound);
        Assert.Contains("'missing-offer'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StartScoring_rejects_an_offer_id_with_illegal_characters()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.StartScoringAsync("""{"offer_id": "x' or PartitionKey ne '#"}""");

        ProblemAssert.Fields(response, "offer_id");
    }

    [Fact]
    public async Task StartScoring_rejects_a_rescore_that_is_not_a_boolean()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.StartScoringAsync("""{"rescore": "yes"}""");

        ProblemAssert.Fields(response, "rescore");
    }

    [Fact]
    public async Task StartScoring_without_rescore_queues_only_uploads_not_yet_queued_for_the_offer()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        var first = (await app.StartScoringAsync()).Json();
        await app.UploadAsync(TwoLeads);

        var second = (await app.StartScoringAsync("""{"rescore": false}""")).Json();
        var third = (await app.StartScoringAsync()).Json();

        Assert.Equal(3, first.GetProperty("queued").GetInt32());
        Assert.Equal(2, second.GetProperty("queued").GetInt32());
        Assert.Equal(0, third.GetProperty("queued").GetInt32());
        var idle = (await app.GetRunAsync(third.GetProperty("run_id").GetString()!)).Json();
        Assert.True(idle.GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task StartScoring_with_rescore_queues_every_upload_again()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        await app.UploadAsync(TwoLeads);
        await app.StartScoringAsync();

        var response = await app.StartScoringAsync("""{"rescore": true}""");

        Assert.Equal(5, response.AssertStatus(StatusCodes.Status202Accepted).Json().GetProperty("queued").GetInt32());
    }

    [Fact]
    public async Task StartScoring_for_a_new_offer_queues_uploads_already_scored_for_another()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var firstOffer = await app.CreateOfferIdAsync();
        await app.UploadAsync();
        await app.StartScoringAsync();
        var secondOffer = await app.CreateOfferIdAsync();

        var response = await app.StartScoringAsync();

        var run = response.AssertStatus(StatusCodes.Status202Accepted).Json();
        Assert.NotEqual(firstOffer, secondOffer);
        Assert.Equal(secondOffer, run.GetProperty("offer_id").GetString());
        Assert.Equal(3, run.GetProperty("queued").GetInt32());
    }

    [Fact]
    public async Task StartScoring_sends_one_plan_message_per_upload_which_fans_out_in_steps_into_one_message_per_lead()
    {
        // No queue limit here: the steps of 1,000 leads run back to back.
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Runs:MaxQueuedLeads"] = "0" });
        await app.CreateOfferIdAsync();
        var csv = "name,role,company,industry\n" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"Lead {i},CEO,Acme,saas\n"));
        await app.UploadAsync(csv);

        var run = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();
        var plans = await QueueLengthAsync(app, StorageNames.PlanLeads);
        while (await app.Queues.DeliverAsync<PlanLeadsMessage>(StorageNames.PlanLeads, app.Function<PlanLeads>().Run, TestApp.Cancellation) > 0)
        {
        }

        Assert.Equal(1001, run.GetProperty("queued").GetInt32());
        Assert.Equal(1, plans);
        Assert.Equal(1001, await QueueLengthAsync(app, StorageNames.ScoreLeads));
    }

    [Fact]
    public async Task StartScoring_returns_503_problem_naming_the_run_when_the_fan_out_fails()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        var request = Requests.Json("{}");
        var function = new StartScoring(app.Get<OfferTable>(), FailingPlanQueue.Planner(app, sends: 0));

        var response = await TestResponse.ExecuteAsync(await function.Run(request, TestApp.Cancellation), request, app.Services);

        var problem = ProblemAssert.Problem(response, StatusCodes.Status503ServiceUnavailable);
        Assert.Equal(0, problem.GetProperty("queued").GetInt32());
        var run = (await app.GetRunAsync(problem.GetProperty("run_id").GetString()!)).Json();
        Assert.True(run.GetProperty("done").GetBoolean());
        Assert.Equal(3, (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json().GetProperty("queued").GetInt32());
    }

    [Fact]
    public async Task GetRun_reports_progress_before_the_queue_is_processed()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        var runId = await app.StartRunAsync();

        var run = (await app.GetRunAsync(runId)).AssertStatus(StatusCodes.Status200OK).Json();

        Assert.Equal(runId, run.GetProperty("run_id").GetString());
        Assert.Equal((3, 0, 0), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.False(run.GetProperty("done").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, run.GetProperty("completed_at").ValueKind);
        Assert.Empty(run.GetProperty("failures").EnumerateArray());
    }

    [Fact]
    public async Task GetRun_returns_404_problem_for_an_unknown_run()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.GetRunAsync("20260101000000000-abcdef");

        ProblemAssert.Problem(response, StatusCodes.Status404NotFound);
    }

    [Fact]
    public async Task GetRun_rejects_a_run_id_with_illegal_characters()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.GetRunAsync("run#1");

        ProblemAssert.Fields(response, "run_id");
    }

    private static async Task<int> QueueLengthAsync(TestApp app, string queue) =>
        (await app.Get<QueueServiceClient>().GetQueueClient(queue).GetPropertiesAsync(TestApp.Cancellation)).Value.ApproximateMessagesCount;
}
