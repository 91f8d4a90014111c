using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.LocalHost.Configuration;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;

namespace LeadScoring.Functions.Tests.Reliability;

/// <summary>
/// Faults that leave messages hidden for the queue listener's 10-minute receive visibility (a host killed with
/// SIGKILL, storage gone while receives were in flight): with the sweeper's defaults (stalled after 30 s, a sweep
/// every 5 s) the work is done within a minute of the restart, every lead and row stored once.
/// </summary>
[Trait("Category", "Slow")]
public sealed class StallRecoveryTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(60);
    private readonly GeminiStandIn gemini = new();

    [Fact(Timeout = 240_000)]
    public async Task Host_killed_mid_run_is_carried_on_by_a_new_process_within_a_minute_with_every_lead_scored_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        const int leads = 12;
        // The first host takes every lead and waits for Gemini when it is killed: all 12 messages are hidden.
        gemini.Reply(GeminiReply.Intent("High", 0.9).After(TimeSpan.FromSeconds(30)));
        var logs = LogFolder();
        string runId;
        await using (var first = await LocalHostProcess.StartAsync(RepositoryPaths.Root, Settings(account.ConnectionString), Path.Combine(logs, "first.log"), cancellation))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            (await http.PostAsync("offer", Json(TestApp.SeedOffer), cancellation)).EnsureSuccessStatusCode();
            (await http.PostAsync("leads/upload", new StringContent(Generated.Csv(leads), Encoding.UTF8, "text/csv"), cancellation)).EnsureSuccessStatusCode();
            runId = (await (await http.PostAsync("score", Json("{}"), cancellation)).Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("run_id").GetString()!;
            await Generated.WaitUntilAsync(() => Task.FromResult(gemini.Requests.Sum(request => request.Prospects.Count) >= leads), cancellation);
        } // disposed: SIGKILL

        gemini.Reply(GeminiReply.Intent("High", 0.9));
        var restart = Stopwatch.StartNew();
        await using var second = await LocalHostProcess.StartAsync(RepositoryPaths.Root, Settings(account.ConnectionString), Path.Combine(logs, "second.log"), cancellation);
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        var (run, took) = await WaitAsync(restart, () => RunAsync(client, runId), run => run.GetProperty("done").GetBoolean(), logs, cancellation);

        Assert.True(took < Goal, $"The run was done {took.TotalSeconds:F0} s after the restart; the goal is under {Goal.TotalSeconds:F0} s. See {logs}.");
        Assert.Equal((leads, leads, 0), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.Equal(leads, run.GetProperty("redriven").GetProperty("leads").GetInt32());
        var results = (await client.GetFromJsonAsync<JsonElement[]>("results", cancellation))!;
        Assert.Equal(leads, results.Select(result => result.GetProperty("lead_id").GetString()).Distinct().Count());
        Assert.All(results, result => Assert.Equal("ai", result.GetProperty("source").GetString()));
        Assert.Equal(2 * leads, await CountRowsAsync(account.ConnectionString, StorageNames.Results, cancellation));
        Assert.Contains("counted no lead for", await File.ReadAllTextAsync(Path.Combine(logs, "second.log"), cancellation), StringComparison.Ordinal);
    }

    [Fact(Timeout = 240_000)]
    public async Task Host_killed_mid_import_is_carried_on_by_a_new_process_within_a_minute_storing_each_row_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        var settings = new Dictionary<string, string>(Settings(account.ConnectionString, ai: false)) { ["Upload__InlineMaxRows"] = "100", ["Upload__PartRows"] = "2000" };
        const int rows = 12000;
        var logs = LogFolder();
        var steps = new QueueServiceClient(account.ConnectionString).GetQueueClient(StorageNames.ImportLeads);
        string location;
        await using (var first = await LocalHostProcess.StartAsync(RepositoryPaths.Root, settings, Path.Combine(logs, "first.log"), cancellation))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            using var upload = await http.PostAsync("leads/upload", new StringContent(Generated.Csv(rows), Encoding.UTF8, "text/csv"), cancellation);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, upload.StatusCode);
            location = upload.Headers.Location!.ToString().TrimStart('/');
            await Generated.WaitUntilAsync(async () =>
                (await http.GetFromJsonAsync<JsonElement>(location, cancellation)).GetProperty("rows_imported").GetInt64() > 0, cancellation);
        } // disposed: SIGKILL

        // A kill mid-part leaves that part's step hidden for the listener's 10 minutes. A part takes about a second, so
        // the kill may also fall between two steps, with the next one visible: the test then takes that one as the
        // killed listener would have, and the import is stalled either way.
        await steps.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), cancellation);
        Assert.True((await steps.GetPropertiesAsync(cancellation)).Value.ApproximateMessagesCount > 0, "No step of the import was left to hide.");

        var restart = Stopwatch.StartNew();
        await using var second = await LocalHostProcess.StartAsync(RepositoryPaths.Root, settings, Path.Combine(logs, "second.log"), cancellation);
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        var (imported, took) = await WaitAsync(
            restart,
            async () => await client.GetFromJsonAsync<JsonElement>(location, cancellation), upload => upload.GetProperty("status").GetString() != "importing", logs, cancellation);

        Assert.True(took < Goal, $"The import ended {took.TotalSeconds:F0} s after the restart; the goal is under {Goal.TotalSeconds:F0} s. See {logs}.");
        Assert.Equal("imported", imported.GetProperty("status").GetString());
        Assert.Equal((rows, rows), (imported.GetProperty("inserted").GetInt32(), imported.GetProperty("rows_imported").GetInt32()));
        Assert.Contains("stored no part for", await File.ReadAllTextAsync(Path.Combine(logs, "second.log"), cancellation), StringComparison.Ordinal);
    }

    [Fact(Timeout = 240_000)]
    public async Task Storage_outage_mid_run_is_over_within_a_minute_of_storage_coming_back_with_every_lead_scored_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var storage = await OnDiskAzurite.StartAsync(cancellation);
        const int leads = 600;
        await using var host = await RunningLocalHost.StartAsync(storage.ConnectionString, RunningLocalHost.NoAi);
        await host.CreateOfferAsync();
        Assert.Equal(leads, await host.UploadAsync(Generated.Csv(leads)));
        var runId = await host.StartRunAsync();
        await Generated.WaitUntilAsync(async () => (await host.GetRunAsync(runId)).GetProperty("scored").GetInt32() >= 100, cancellation);

        // Ten seconds without storage, while the listeners poll and receive.
        await storage.StopAsync(cancellation);
        await Task.Delay(TimeSpan.FromSeconds(10), cancellation);
        await storage.StartAgainAsync(cancellation);
        var back = Stopwatch.StartNew();
        var run = await host.WaitForRunAsync(runId, cancellation);
        var took = back.Elapsed;

        Assert.True(took < Goal, $"The run was done {took.TotalSeconds:F0} s after storage came back; the goal is under {Goal.TotalSeconds:F0} s.\n{host.ErrorLogs(brief: true)}");
        Assert.Equal((leads, leads, 0), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.Equal(2 * leads, await CountRowsAsync(storage.ConnectionString, StorageNames.Results, cancellation));
        TestContext.Current.TestOutputHelper?.WriteLine($"done {took.TotalSeconds:F1} s after storage came back; sent again: {run.GetProperty("redriven")}");
    }

    public void Dispose() => gemini.Dispose();

    private Dictionary<string, string> Settings(string connectionString, bool ai = true)
    {
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["GEMINI_API_KEY"] = "",
            ["Gemini__ApiKey"] = "",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        if (!ai) return settings;
        foreach (var (key, value) in gemini.Settings(("Gemini:TimeoutSeconds", "60"), ("Gemini:TotalTimeoutSeconds", "120")))
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        return settings;
    }

    /// <summary>Polls until the condition holds; returns the last answer and how long after the restart it came.</summary>
    private static async Task<(JsonElement Last, TimeSpan Took)> WaitAsync(
        Stopwatch since, Func<Task<JsonElement>> read, Func<JsonElement, bool> done, string logs, CancellationToken cancellationToken)
    {
        JsonElement last = default;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(150));
        try
        {
            await Generated.WaitUntilAsync(async () => done(last = await read()), bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Not done {since.Elapsed.TotalSeconds:F0} s after the restart: {last}; see {logs}.");
        }

        return (last, since.Elapsed);
    }

    private static string LogFolder() => Path.Combine(Path.GetTempPath(), "leadscoring-stall-" + Guid.NewGuid().ToString("N"));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> RunAsync(HttpClient http, string runId) =>
        await http.GetFromJsonAsync<JsonElement>($"score/runs/{runId}", TestContext.Current.CancellationToken);

    private static async Task<int> CountRowsAsync(string connectionString, string table, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in new TableServiceClient(connectionString).GetTableClient(table).QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: cancellationToken)) count++;
        return count;
    }
}
