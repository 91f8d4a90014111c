using System.Net.Http.Json;
using System.Text.Json;
using LeadScoring.LocalHost;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace LeadScoring.Functions.Tests.Reliability;

/// <summary>
/// The local host as Program.cs composes it (<see cref="LeadScoringLocalHost.Build"/>), started in-process on a free loopback port:
/// Kestrel, the HTTP functions and the queue listeners honouring host.json. Settings win over the environment
/// and any local.settings.json; logs go to a <see cref="FakeLogCollector"/> (every level) instead of the console.
/// </summary>
internal sealed class RunningLocalHost : IAsyncDisposable
{
    /// <summary>Short queue timings (app-setting overrides of host.json) so redelivery takes seconds, not minutes.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastQueues = new Dictionary<string, string?>
    {
        ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.500",
        ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500",
    };

    /// <summary>
    /// The listener's batches before issue 30 (16 at a time, more once 8 or fewer are in flight): tests that stop
    /// storage or the host while more than 8 invocations wait, so that the listener sends no receive, need them.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> SmallBatches = new Dictionary<string, string?>
    {
        ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "16",
        ["AzureFunctionsJobHost:extensions:queues:newBatchThreshold"] = "8",
    };

    /// <summary>No Gemini key from anywhere (environment, local.settings.json): the rule fallback scores.</summary>
    public static readonly IReadOnlyDictionary<string, string?> NoAi = new Dictionary<string, string?>
    {
        ["Gemini:ApiKey"] = "",
        ["GEMINI_API_KEY"] = "",
    };

    private readonly WebApplication app;

    private RunningLocalHost(WebApplication app, Uri address, FakeLogCollector logs)
    {
        this.app = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<RunningLocalHost> StartAsync(string storageConnectionString, params IReadOnlyDictionary<string, string?>[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        var values = new Dictionary<string, string?> { [StorageNames.Connection] = storageConnectionString, ["urls"] = "http://127.0.0.1:0" };
        foreach (var (key, value) in settings.SelectMany(s => s)) values[key] = value;
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddFakeLogging(options => options.OutputSink = null);

        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // The composition Program.cs runs.
        var app = LeadScoringLocalHost.Build(builder);

        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningLocalHost(app, new Uri(address), app.Services.GetRequiredService<FakeLogCollector>());
    }

    /// <summary>Stops the host the way Ctrl+C does: the WebJobs listener cancels in-flight invocations and releases their messages.</summary>
    public async Task StopAsync() => await app.StopAsync(CancellationToken.None);

    public async Task<string> CreateOfferAsync(string json = Support.TestApp.SeedOffer)
    {
        using var response = await Client.PostAsync("offer", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancellation);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString()!;
    }

    public async Task<int> UploadAsync(string csv)
    {
        using var response = await Client.PostAsync("leads/upload", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("inserted").GetInt32();
    }

    public async Task<string> StartRunAsync(string? offerId = null)
    {
        var json = offerId is null ? "{}" : JsonSerializer.Serialize(new Dictionary<string, string> { ["offer_id"] = offerId });
        using var response = await Client.PostAsync("score", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("run_id").GetString()!;
    }

    public async Task<JsonElement> GetRunAsync(string runId)
    {
        using var response = await Client.GetAsync($"score/runs/{runId}", Cancellation);
        return await RunOrThrowAsync(runId, response);
    }

    /// <summary>
    /// The host's warnings and errors with their exceptions (brief: type and message only), newest last. Not the
    /// storage SDK's own warnings: it logs every 404 it is answered (an expected absence, mostly), and those would push
    /// the one that matters out.
    /// </summary>
    public string ErrorLogs(bool brief = false) => string.Join("\n", Logs.GetSnapshot()
        .Where(record => record.Level >= LogLevel.Warning && record.Category != "Azure.Core")
        .TakeLast(brief ? 12 : 20)
        .Select(record => brief
            ? $"{record.Level} {record.Category}: {record.Message} {record.Exception?.GetType().Name} {record.Exception?.Message}"
            : $"{record.Level} {record.Category}: {record.Message} {record.Exception}"));

    /// <summary>
    /// Polls the run until it is done, as a client following the API does: a 503 (storage did not answer) is retried
    /// after its Retry-After. The test's own cancellation (xunit's timeout) bounds the wait.
    /// </summary>
    public async Task<JsonElement> WaitForRunAsync(string runId, CancellationToken cancellationToken)
    {
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        var seen = "";
        while (true)
        {
            using var response = await Client.GetAsync($"score/runs/{runId}", cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } retryAfter)
            {
                await Task.Delay(retryAfter, cancellationToken);
                continue;
            }

            var run = await RunOrThrowAsync(runId, response);
            // Each change goes to the test's output: a run that never finishes times the test out with no message,
            // and the output shows how far it got.
            var progress = $"queued {run.GetProperty("queued")}, scored {run.GetProperty("scored")}, failed {run.GetProperty("failed")}, done {run.GetProperty("done")}";
            if (progress != seen) TestOutput($"{waiting.Elapsed.TotalSeconds:F1} s: run {runId}: {seen = progress}");
            if (run.GetProperty("done").GetBoolean()) return run;
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    // A failed status read says why, from the host's own error logs, instead of a bare status code.
    private async Task<JsonElement> RunOrThrowAsync(string runId, HttpResponseMessage response) =>
        response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)
            : throw new HttpRequestException($"GET score/runs/{runId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)}\n{ErrorLogs()}");

    /// <summary>Every log message, exception text and structured value the host wrote, one line each.</summary>
    public IEnumerable<string> LogText() => Logs.GetSnapshot().SelectMany(record =>
        new[] { record.Message, record.Exception?.ToString() ?? "" }
            .Concat(record.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? [])
            .Concat(record.Scopes.Select(scope => scope?.ToString() ?? "")));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await app.StopAsync(CancellationToken.None);
        // Shown only when the test fails: how long the stop took and what the host warned of until then.
        TestOutput($"host stopped in {stopping.Elapsed.TotalSeconds:F1} s; its last warnings and errors:\n{ErrorLogs(brief: true)}");
        await app.DisposeAsync();
    }

    private static void TestOutput(string text) => TestContext.Current.TestOutputHelper?.WriteLine(text);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;
}
