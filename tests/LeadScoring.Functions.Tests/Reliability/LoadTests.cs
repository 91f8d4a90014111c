using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Tests.Reliability;

/// <summary>
/// Eight clients uploading, eight scoring their own offers and eight reading results, exports and run status, all
/// at once against the local host on loopback. Bounded by counts (and the test's timeout); no timing is asserted.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LoadTests(AzuriteFixture azurite)
{
    private const int Clients = 8;
    private const int FilesPerUploader = 2;
    private const int LeadsPerFile = 5;
    private const int StartsPerScorer = 3;
    private const int ReadsPerReader = 12;

    [Fact(Timeout = 240_000)]
    public async Task Concurrent_uploads_scoring_and_reads_lose_and_duplicate_nothing_and_never_answer_5xx()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.FastQueues, RunningLocalHost.NoAi);
        var offers = new List<string>();
        for (var i = 0; i < Clients; i++) offers.Add(await host.CreateOfferAsync($$"""{"name":"Offer {{i}}","value_props":"V","ideal_use_cases":"U"}"""));
        var serverErrors = new ConcurrentQueue<string>();
        var inserted = new ConcurrentBag<int>();
        var runs = new ConcurrentDictionary<string, ConcurrentBag<string>>();

        async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            var response = await host.Client.SendAsync(request, cancellation);
            if ((int)response.StatusCode >= 500) serverErrors.Enqueue($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellation)}");
            return response;
        }

        async Task UploadAsync(int client)
        {
            for (var file = 0; file < FilesPerUploader; file++)
            {
                var csv = new StringBuilder("name,role,company,industry,location,linkedin_bio\n");
                for (var lead = 0; lead < LeadsPerFile; lead++) csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"U{client}F{file}L{lead},VP Sales,Co {client},saas,Oslo,Bio\n");
                csv.Append("Broken row\n");
                using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "leads/upload") { Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv") });
                if (response.IsSuccessStatusCode) inserted.Add((await response.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("inserted").GetInt32());
            }
        }

        async Task ScoreAsync(string offerId)
        {
            var started = runs.GetOrAdd(offerId, _ => []);
            for (var i = 0; i < StartsPerScorer; i++)
            {
                using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "score") { Content = JsonContent.Create(new Dictionary<string, string> { ["offer_id"] = offerId }) });
                if (response.IsSuccessStatusCode) started.Add((await response.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("run_id").GetString()!);
                await Task.Delay(TimeSpan.FromMilliseconds(300), cancellation);
            }
        }

        async Task ReadAsync(int client)
        {
            for (var i = 0; i < ReadsPerReader; i++)
            {
                var offerId = offers[(client + i) % offers.Count];
                var paths = new List<string> { $"results?offer_id={offerId}&limit=7", $"results/export?offer_id={offerId}", "offers", $"offer/{offerId}", "health" };
                if (runs.TryGetValue(offerId, out var started) && started.FirstOrDefault() is { } runId) paths.Add($"score/runs/{runId}");
                foreach (var path in paths)
                {
                    using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
                    await response.Content.ReadAsByteArrayAsync(cancellation);
                }
            }
        }

        await Task.WhenAll(
            Enumerable.Range(0, Clients).Select(UploadAsync)
                .Concat(offers.Select(ScoreAsync))
                .Concat(Enumerable.Range(0, Clients).Select(ReadAsync)));
        // Uploads that landed after an offer's last start are queued by one more start each.
        await Task.WhenAll(offers.Select(async offerId => runs[offerId].Add(await host.StartRunAsync(offerId))));
        var finished = new Dictionary<string, List<JsonElement>>();
        foreach (var offerId in offers)
        {
            finished[offerId] = [];
            foreach (var runId in runs[offerId]) finished[offerId].Add(await host.WaitForRunAsync(runId, cancellation));
        }

        Assert.True(serverErrors.IsEmpty, string.Join("\n", serverErrors) + "\n" + host.ErrorLogs());
        var leads = inserted.Sum();
        Assert.Equal(Clients * FilesPerUploader * LeadsPerFile, leads);
        Assert.Equal(leads, await CountAsync(account.ConnectionString, StorageNames.Leads));
        foreach (var offerId in offers)
        {
            // Every lead queued once per offer, over all of its runs, and every queued lead counted.
            Assert.Equal(leads, finished[offerId].Sum(run => run.GetProperty("queued").GetInt32()));
            Assert.All(finished[offerId], run => Assert.Equal((run.GetProperty("queued").GetInt32(), 0), (run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32())));
            var results = (await host.Client.GetFromJsonAsync<JsonElement[]>($"results?offer_id={offerId}", cancellation))!;
            Assert.Equal(leads, results.Length);
            Assert.Equal(leads, results.Select(r => r.GetProperty("lead_id").GetString()).Distinct().Count());
            var export = await host.Client.GetStringAsync($"results/export?offer_id={offerId}", cancellation);
            Assert.Equal(leads + 1, export.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        }

        Assert.Equal(2 * leads * Clients, await CountAsync(account.ConnectionString, StorageNames.Results));
    }

    [Fact(Timeout = 120_000)]
    public async Task Concurrent_starts_for_one_offer_queue_the_upload_once_and_leave_one_result_per_lead()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.FastQueues, RunningLocalHost.NoAi);
        var offerId = await host.CreateOfferAsync();
        await host.UploadAsync(Generated.Csv(10));

        // A double (octuple) click on "score": the starts race each other.
        var runIds = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => host.StartRunAsync(offerId)));
        var finished = new List<JsonElement>();
        foreach (var runId in runIds) finished.Add(await host.WaitForRunAsync(runId, cancellation));

        Assert.All(finished, run => Assert.Equal((run.GetProperty("queued").GetInt32(), 0), (run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32())));
        // The starts claim the upload before fanning out: one run queues it, the others queue nothing.
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 10], finished.Select(run => run.GetProperty("queued").GetInt32()).Order());
        var results = (await host.Client.GetFromJsonAsync<JsonElement[]>($"results?offer_id={offerId}", cancellation))!;
        Assert.Equal(10, results.Select(r => r.GetProperty("lead_id").GetString()).Distinct().Count());
        Assert.Equal(10, results.Length);
        Assert.Equal(20, await CountAsync(account.ConnectionString, StorageNames.Results));
    }

    private static async Task<int> CountAsync(string connectionString, string table)
    {
        var count = 0;
        await foreach (var _ in new TableServiceClient(connectionString).GetTableClient(table).QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: TestContext.Current.CancellationToken)) count++;
        return count;
    }
}
