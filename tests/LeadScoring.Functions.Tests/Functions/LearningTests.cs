using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Evaluation;
using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

/// <summary>
/// The learned likelihood on Azurite: outcomes train a model off the HTTP path, a rescore applies it, results and the
/// export carry it and sort by it; a training delivered twice trains once, two at once train once, too few outcomes
/// train nothing, and a model version is never seen half-written.
/// </summary>
public sealed class LearningTests(AzuriteFixture azurite)
{
    private const string ResultsQueryHeader = "X-Continuation-Token";

    private static readonly Dictionary<string, string?> NoDelay = new() { ["Learning:TrainingDelay"] = "00:00:00" };

    [Fact]
    public async Task Outcomes_train_a_model_that_a_rescore_applies_and_results_sort_by()
    {
        await using var app = await TestApp.StartAsync(azurite, NoDelay);
        var offerId = await app.CreateOfferIdAsync();
        var history = new SyntheticHistory().Leads(800);
        await ScoreAsync(app, history);

        await PostOutcomesAsync(app, history);
        await app.ProcessQueuesAsync();

        var model = (await ModelAsync(app, offerId)).AssertStatus(StatusCodes.Status200OK).Json();
        var inUse = model.GetProperty("in_use");
        Assert.Equal("adopted", inUse.GetProperty("status").GetString());
        Assert.Equal(800, inUse.GetProperty("labelled").GetInt32());
        Assert.True(inUse.GetProperty("model").GetProperty("roc_auc").GetDouble() > inUse.GetProperty("score").GetProperty("roc_auc").GetDouble());
        Assert.NotEmpty(inUse.GetProperty("drivers").EnumerateArray());
        Assert.Equal(inUse.GetProperty("version").GetString(), model.GetProperty("latest_training").GetProperty("version").GetString());
        var version = inUse.GetProperty("version").GetString()!;
        // Scored before the model: no likelihood until a rescore.
        Assert.Equal(800, TestApp.Array(await app.GetResultsAsync()).Length);
        Assert.All(TestApp.Array(await app.GetResultsAsync()), row => Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("conversion_likelihood").ValueKind));

        await app.StartRunAsync("""{"rescore": true}""");
        await app.ProcessQueuesAsync();

        var results = TestApp.Array(await app.GetResultsAsync());
        Assert.Equal(800, results.Length);
        Assert.All(results, row => Assert.Equal(version, row.GetProperty("model_version").GetString()));
        var byLikelihood = TestApp.Array(await app.GetResultsAsync("?sort=conversion_likelihood"));
        var likelihoods = byLikelihood.Select(row => row.GetProperty("conversion_likelihood").GetDouble()).ToList();
        Assert.Equal(800, likelihoods.Count);
        Assert.Equal(likelihoods.OrderDescending(), likelihoods);
        Assert.All(likelihoods, likelihood => Assert.InRange(likelihood, 0, 1));
        // The score is still the seed's: the likelihood sits beside it.
        Assert.Equal(results.Select(row => row.GetProperty("score").GetInt32()).OrderDescending(), results.Select(row => row.GetProperty("score").GetInt32()));
        // The likelihood ranks this history's converted leads first better than the score does.
        var converted = history.ToDictionary(lead => lead.Email, lead => lead.Converted);
        var byModel = Scoring.Outcomes.Ranking.Measure([.. byLikelihood.Select(row => (row.GetProperty("conversion_likelihood").GetDouble(), converted[row.GetProperty("email").GetString()!]))]);
        var byScore = Scoring.Outcomes.Ranking.Measure([.. results.Select(row => ((double)row.GetProperty("score").GetInt32(), converted[row.GetProperty("email").GetString()!]))]);
        Assert.True(byModel.RocAuc > byScore.RocAuc + 0.05, $"model {byModel.RocAuc:0.000}, score {byScore.RocAuc:0.000}");

        var page = TestApp.Array(await app.GetResultsAsync("?sort=conversion_likelihood&limit=10&intent=Low"));
        Assert.Equal(10, page.Length);
        Assert.All(page, row => Assert.True(row.GetProperty("score").GetInt32() < 50));
        var pageLikelihoods = page.Select(row => row.GetProperty("conversion_likelihood").GetDouble()).ToList();
        Assert.Equal(pageLikelihoods.OrderDescending(), pageLikelihoods);
        // A page's token continues the order it was read in, and no other.
        var first = await app.GetResultsAsync("?sort=conversion_likelihood&limit=100");
        var token = Uri.EscapeDataString(first.Headers[ResultsQueryHeader].ToString());
        var second = TestApp.Array((await app.GetResultsAsync($"?sort=conversion_likelihood&limit=100&continuation={token}")).AssertStatus(StatusCodes.Status200OK));
        Assert.Equal(likelihoods.Skip(100).Take(100), second.Select(row => row.GetProperty("conversion_likelihood").GetDouble()));
        ProblemAssert.Fields(await app.GetResultsAsync($"?limit=100&continuation={token}"), "continuation");
        var export = (await app.ExportResultsAsync("?sort=conversion_likelihood")).Body;
        var lines = export.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var (likelihoodColumn, versionColumn) = (Array.IndexOf(header, "conversion_likelihood"), Array.IndexOf(header, "model_version"));
        Assert.True(likelihoodColumn > 0 && versionColumn == likelihoodColumn + 1);
        Assert.Equal(likelihoods[0], double.Parse(lines[1].Split(',')[likelihoodColumn], CultureInfo.InvariantCulture), 4);
        Assert.Equal(version, lines[1].Split(',')[versionColumn]);
    }

    [Fact]
    public async Task A_rescore_applies_a_new_model_without_asking_the_ai_again()
    {
        // The model judges every lead Medium: the score ranks as the rules do, which the history says is not ideal.
        using var gemini = new GeminiStandIn();
        gemini.ReplyByPrompt(_ => GeminiReply.Intent("Medium", 0.6));
        var settings = gemini.Settings(("Gemini:LeadsPerCall", "1"));
        await using var app = await TestApp.StartAsync(azurite, settings);
        var offerId = await app.CreateOfferIdAsync();
        var history = new SyntheticHistory().Leads(800);
        await ScoreAsync(app, history);
        var calls = gemini.RequestCount;
        await PostOutcomesAsync(app, history);
        await app.Get<ModelTrainer>().TrainAsync(new TrainModelMessage(offerId, DateTimeOffset.UtcNow), TestApp.Cancellation);
        var card = await app.Get<ModelStore>().GetCurrentCardAsync(offerId, TestApp.Cancellation);
        Assert.True(card is not null, (await app.Get<ModelStore>().GetLatestCardAsync(offerId, TestApp.Cancellation))?.Verdict);

        await app.StartRunAsync("""{"rescore": true}""");
        await app.ProcessQueuesAsync();

        Assert.Equal(800, calls);
        Assert.Equal(calls, gemini.RequestCount);
        Assert.Contains("the AI's intent", card.Features);
        var results = TestApp.Array(await app.GetResultsAsync());
        Assert.All(results, row => Assert.Equal(("ai", card.Version), (row.GetProperty("source").GetString(), row.GetProperty("model_version").GetString())));
    }

    [Fact]
    public async Task Too_few_outcomes_train_nothing_and_the_card_says_what_is_needed()
    {
        await using var app = await TestApp.StartAsync(azurite, NoDelay);
        var offerId = await app.CreateOfferIdAsync();
        var history = new SyntheticHistory().Leads(60);
        await ScoreAsync(app, history);

        await PostOutcomesAsync(app, history);
        await app.ProcessQueuesAsync();

        Assert.Empty(app.Queues.Failures);
        var model = (await ModelAsync(app, offerId)).Json();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, model.GetProperty("in_use").ValueKind);
        var latest = model.GetProperty("latest_training");
        Assert.Equal("waiting", latest.GetProperty("status").GetString());
        Assert.Contains("learning needs at least 200, with 30 of each", latest.GetProperty("verdict").GetString(), StringComparison.Ordinal);
        Assert.Equal(60, latest.GetProperty("labelled").GetInt32());
    }

    [Fact]
    public async Task A_training_step_delivered_twice_or_asked_for_with_nothing_new_trains_once()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offerId = await app.CreateOfferIdAsync();
        var history = new SyntheticHistory().Leads(300);
        await ScoreAsync(app, history);
        await PostOutcomesAsync(app, history);
        var trainer = app.Get<ModelTrainer>();
        var models = app.Get<ModelStore>();
        var message = new TrainModelMessage(offerId, DateTimeOffset.UtcNow);

        await trainer.TrainAsync(message, TestApp.Cancellation);
        var first = await models.GetLatestCardAsync(offerId, TestApp.Cancellation);
        await trainer.TrainAsync(message, TestApp.Cancellation);
        await trainer.TrainAsync(message with { RequestedAt = DateTimeOffset.UtcNow.AddSeconds(1) }, TestApp.Cancellation);

        var last = await models.GetLatestCardAsync(offerId, TestApp.Cancellation);
        Assert.NotNull(first);
        Assert.Equal((first.Version, first.TrainedAt), (last!.Version, last.TrainedAt));
    }

    [Fact]
    public async Task Two_trainings_of_one_offer_at_once_train_once_and_the_other_comes_back_later()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offerId = await app.CreateOfferIdAsync();
        var history = new SyntheticHistory().Leads(300);
        await ScoreAsync(app, history);
        await PostOutcomesAsync(app, history);
        var models = app.Get<ModelStore>();
        var queue = app.Get<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(StorageNames.TrainModels);
        await queue.ClearMessagesAsync(TestApp.Cancellation);

        await using (var held = await models.TryLeaseAsync(offerId, TestApp.Cancellation))
        {
            Assert.NotNull(held);
            Assert.Null(await models.TryLeaseAsync(offerId, TestApp.Cancellation));
            await app.Get<ModelTrainer>().TrainAsync(new TrainModelMessage(offerId, DateTimeOffset.UtcNow), TestApp.Cancellation);
        }

        Assert.Null(await models.GetLatestCardAsync(offerId, TestApp.Cancellation));
        Assert.Equal(1, (await queue.GetPropertiesAsync(TestApp.Cancellation)).Value.ApproximateMessagesCount);
        // Released: the next one trains.
        await app.Get<ModelTrainer>().TrainAsync(new TrainModelMessage(offerId, DateTimeOffset.UtcNow), TestApp.Cancellation);
        Assert.NotNull(await models.GetLatestCardAsync(offerId, TestApp.Cancellation));
    }

    [Fact]
    public async Task A_model_version_is_never_seen_half_written_and_the_one_in_use_stays_until_the_next_is_whole()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offerId = await app.CreateOfferIdAsync();
        var trainer = new LikelihoodTrainer(Microsoft.Extensions.Options.Options.Create(new LearningOptions()));
        var first = trainer.Train(offerId, SyntheticHistory.Scored(new SyntheticHistory(1).Leads(1_000)), DateTimeOffset.UtcNow);
        var second = trainer.Train(offerId, SyntheticHistory.Scored(new SyntheticHistory(2).Leads(1_000)), DateTimeOffset.UtcNow.AddMinutes(1));
        var models = app.Get<ModelStore>();
        await models.AdoptAsync(first.Card, first.Model!, TestApp.Cancellation);

        // The pointer's write fails after the new version's files are stored (an instance dies, storage goes away).
        var failing = new ModelStore(new BlobServiceClient(app.ConnectionString, WithFailure(request => request.Uri.Path.EndsWith("/current.json", StringComparison.Ordinal))));
        await Assert.ThrowsAnyAsync<RequestFailedException>(() => failing.AdoptAsync(second.Card, second.Model!, TestApp.Cancellation));

        Assert.Equal(first.Card.Version, await models.GetCurrentVersionAsync(offerId, TestApp.Cancellation));
        Assert.Equal(first.Card.Version, (await models.GetCurrentCardAsync(offerId, TestApp.Cancellation))!.Version);
        var inUse = await new ConversionModels(models, Microsoft.Extensions.Logging.Abstractions.NullLogger<ConversionModels>.Instance).GetAsync(offerId, (await models.GetCurrentVersionAsync(offerId, TestApp.Cancellation))!, TestApp.Cancellation);
        Assert.Equal(first.Card.Version, inUse!.Version);

        // Adopted again whole: the pointer moves, and the first version stays as the one before.
        await models.AdoptAsync(second.Card, second.Model!, TestApp.Cancellation);
        Assert.Equal(second.Card.Version, await models.GetCurrentVersionAsync(offerId, TestApp.Cancellation));
        Assert.NotNull(await models.GetModelAsync(offerId, first.Card.Version, TestApp.Cancellation));
    }

    [Fact]
    public async Task Removing_an_upload_removes_its_results_likelihood_copies_too()
    {
        await using var app = await TestApp.StartAsync(azurite, NoDelay);
        await app.CreateOfferIdAsync();
        var history = new SyntheticHistory().Leads(400);
        var uploadId = await ScoreAsync(app, history);
        await PostOutcomesAsync(app, history);
        await app.ProcessQueuesAsync();
        await app.StartRunAsync("""{"rescore": true}""");
        await app.ProcessQueuesAsync();
        Assert.Equal(400 * 3, await app.CountEntitiesAsync(StorageNames.Results));

        (await app.HttpAsync<DeleteUpload>(Requests.Empty("DELETE"), async (f, r, ct) => await f.Run(r, uploadId, ct))).AssertStatus(StatusCodes.Status200OK);

        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Results));
    }

    private static async Task<string> ScoreAsync(TestApp app, IReadOnlyList<SyntheticHistory.Lead> history)
    {
        var upload = (await app.UploadAsync(SyntheticHistory.LeadsCsv(history))).Json();
        await app.ProcessQueuesAsync();
        var runId = await app.StartRunAsync();
        await app.ProcessQueuesAsync();
        // Completion is checked in the background; a completed run asks for a training, which the tests must not race.
        for (var waited = 0; (await app.GetRunAsync(runId)).Json().GetProperty("completed_at").ValueKind == System.Text.Json.JsonValueKind.Null; waited++)
        {
            Assert.True(waited < 100, "the run did not complete");
            await Task.Delay(100, TestApp.Cancellation);
        }

        return upload.GetProperty("upload_id").GetString()!;
    }

    private static async Task PostOutcomesAsync(TestApp app, IEnumerable<SyntheticHistory.Lead> history) =>
        (await app.HttpAsync<RecordOutcomes>(Requests.MultipartCsv(SyntheticHistory.OutcomesCsv(history)), async (f, r, ct) => await f.Run(r, ct)))
            .AssertStatus(StatusCodes.Status200OK);

    private static Task<TestResponse> ModelAsync(TestApp app, string offerId) =>
        app.HttpAsync<GetModel>(Requests.Get(), async (f, r, ct) => await f.Run(r, offerId, ct));

    private static BlobClientOptions WithFailure(Func<Request, bool> fails)
    {
        var options = new BlobClientOptions { Retry = { MaxRetries = 0 } };
        options.AddPolicy(new FailingPolicy(fails), HttpPipelinePosition.PerCall);
        return options;
    }

    private sealed class FailingPolicy(Func<Request, bool> fails) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (fails(message.Request)) throw new RequestFailedException(503, "The test made this request fail.");
        }
    }
}
