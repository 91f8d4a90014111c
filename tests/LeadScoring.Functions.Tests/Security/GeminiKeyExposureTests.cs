using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using LeadScoring.Functions.Tests.Reliability;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;

namespace LeadScoring.Functions.Tests.Security;

/// <summary>
/// A whole run that goes wrong in every way on the local host, with every log captured at Trace: the Gemini key
/// is used (the stand-in receives it) yet appears in no log, exception, problem, run status, result or export.
/// </summary>
public sealed class GeminiKeyExposureTests(AzuriteFixture azurite) : IDisposable
{
    // Distinctive tails too, in case a log shortens or re-encodes the key.
    private static readonly string[] KeyForms = [GeminiStandIn.ApiKey, GeminiStandIn.ApiKey[^16..], Uri.EscapeDataString(GeminiStandIn.ApiKey)];

    private static readonly Dictionary<string, string?> TraceEverything = new()
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:System"] = "Trace",
        ["Logging:LogLevel:System.Net.Http"] = "Trace",
        ["Logging:LogLevel:Microsoft.Extensions.Http"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Azure"] = "Trace",
        ["Logging:LogLevel:Azure.Core"] = "Trace",
        ["Logging:LogLevel:Polly"] = "Trace",
    };

    private readonly GeminiStandIn gemini = new();

    [Fact(Timeout = 120_000)]
    public async Task Key_appears_nowhere_a_user_or_operator_can_read_after_a_failing_run()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        // Each lead meets another fault: a 500, a 503, an exhausted quota, garbage, a refusal, a blocked prompt.
        var replies = new[]
        {
            GeminiReply.InternalError(), GeminiReply.Unavailable(), GeminiReply.Quota(retryDelay: null), GeminiReply.Garbage(),
            GeminiReply.Error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."), GeminiReply.PromptBlocked(),
        };
        gemini.ReplyByPrompt(prompt => replies[int.Parse(prompt[(prompt.IndexOf("Lead ", StringComparison.Ordinal) + 5)..][..3], System.Globalization.CultureInfo.InvariantCulture) % replies.Length]);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.FastQueues, gemini.Settings(), TraceEverything);
        var seen = new StringBuilder();
        await host.CreateOfferAsync();
        await host.UploadAsync(Generated.Csv(6));
        var firstRun = await host.WaitForRunAsync(await host.StartRunAsync(), cancellation);
        seen.AppendLine(firstRun.ToString());
        // A second run that can never write its results: every lead retries into the poison queue and fails with its reason.
        await new TableServiceClient(account.ConnectionString).DeleteTableAsync(StorageNames.Results, cancellation);
        using var rescore = await host.Client.PostAsync("score", new StringContent("""{"rescore":true}""", Encoding.UTF8, "application/json"), cancellation);
        var secondRunId = (await rescore.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("run_id").GetString()!;
        var secondRun = await host.WaitForRunAsync(secondRunId, cancellation);

        seen.AppendLine(secondRun.ToString());
        foreach (var path in new[] { "results", "results/export", "offers", "offer/nope", "score/runs/nope", "results?intent=Bad", "health" })
        {
            using var response = await host.Client.GetAsync(path, cancellation);
            seen.AppendLine(response.ToString()).AppendLine(await response.Content.ReadAsStringAsync(cancellation));
        }

        Assert.All(gemini.Requests, request => Assert.Equal(GeminiStandIn.ApiKey, request.ApiKeyHeader));
        Assert.Equal(6, secondRun.GetProperty("failed").GetInt32());
        Assert.Contains(host.Logs.GetSnapshot(), record => record.Exception is not null);
        var logs = string.Join('\n', host.LogText());
        foreach (var key in KeyForms)
        {
            Assert.DoesNotContain(key, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(key, seen.ToString(), StringComparison.Ordinal);
        }
    }

    public void Dispose() => gemini.Dispose();
}
