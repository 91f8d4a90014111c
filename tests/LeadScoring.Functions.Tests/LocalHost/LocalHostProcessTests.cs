using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadScoring.Functions.Tests.Reliability;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.LocalHost.Configuration;
using LeadScoring.Testing;

namespace LeadScoring.Functions.Tests.LocalHost;

/// <summary>
/// The local host as a platform runs an instance, started the way the benchmark starts it (<see cref="LocalHostProcess"/>):
/// its own process, configured by environment variables, stopped by SIGTERM. The in-process tests cannot see the
/// signal handling or the exit code.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LocalHostProcessTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 240_000)]
    public async Task A_sigterm_mid_run_stops_the_host_cleanly_and_a_new_process_finishes_the_run_with_every_lead_scored_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = account.ConnectionString,
            ["GEMINI_API_KEY"] = "",
            ["Gemini__ApiKey"] = "",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        var logs = Path.Combine(Path.GetTempPath(), "leadscoring-process-" + Guid.NewGuid().ToString("N"));
        const int leads = 400;

        string runId;
        int exitCode;
        await using (var first = await LocalHostProcess.StartAsync(RepositoryPaths.Root, settings, Path.Combine(logs, "first.log"), cancellation))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health", cancellation)).StatusCode);
            (await http.PostAsync("offer", Json(Support.TestApp.SeedOffer), cancellation)).EnsureSuccessStatusCode();
            (await http.PostAsync("leads/upload", new StringContent(Generated.Csv(leads), Encoding.UTF8, "text/csv"), cancellation)).EnsureSuccessStatusCode();
            using var started = await http.PostAsync("score", Json("{}"), cancellation);
            runId = (await started.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("run_id").GetString()!;
            await Generated.WaitUntilAsync(async () => (await RunAsync(http, runId)).GetProperty("scored").GetInt32() > 0, cancellation);

            exitCode = await first.StopAsync(TimeSpan.FromSeconds(60), cancellation);
        }

        var firstLog = await File.ReadAllTextAsync(Path.Combine(logs, "first.log"), cancellation);
        Assert.True(exitCode == 0, $"The host exited with {exitCode} after SIGTERM, not 0; see {logs}."); // a clean shutdown, not a crash
        Assert.DoesNotContain("Unhandled exception", firstLog, StringComparison.Ordinal);
        Assert.Contains("Queue receives closed for shutdown", firstLog, StringComparison.Ordinal);

        // Every message the first host took is released or done, so the second finishes well within the receive
        // visibility (10 minutes) that a cut-off receive would cost.
        await using var second = await LocalHostProcess.StartAsync(RepositoryPaths.Root, settings, Path.Combine(logs, "second.log"), cancellation);
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        JsonElement run = default;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await Generated.WaitUntilAsync(async () => (run = await RunAsync(client, runId)).GetProperty("done").GetBoolean(), bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            Assert.Fail($"The second host did not finish the run within 120 s: {run}; see {logs}.");
        }

        Assert.Equal((leads, 0), (run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        using var results = await client.GetAsync("results?limit=1000", cancellation);
        Assert.Equal(leads, (await results.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetArrayLength());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> RunAsync(HttpClient http, string runId) =>
        await http.GetFromJsonAsync<JsonElement>($"score/runs/{runId}", TestContext.Current.CancellationToken);
}
