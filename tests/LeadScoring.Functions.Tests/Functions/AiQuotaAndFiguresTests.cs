using System.Text.Json;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Reliability;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

/// <summary>What a team with a real key sees: what a run spent, why leads fell back, the AI's state in /health, waiting for quota.</summary>
public sealed class AiQuotaAndFiguresTests(AzuriteFixture azurite) : IDisposable
{
    private readonly GeminiStandIn gemini = new();

    [Fact]
    public async Task Run_status_reports_calls_tokens_and_an_estimated_cost_and_a_rescore_costs_no_call()
    {
        gemini.Reply(GeminiReply.Intent("High", 0.9, "Fits."));
        await using var app = await TestApp.StartAsync(azurite, gemini.Settings(
            ("Gemini:InputPricePerMillionTokens", "500"), ("Gemini:OutputPricePerMillionTokens", "1000")));
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        var runId = await app.StartRunAsync();
        await app.ProcessQueuesAsync();

        var ai = (await app.GetRunAsync(runId)).Json().GetProperty("ai");
        var calls = gemini.RequestCount;

        Assert.Equal(calls, ai.GetProperty("calls").GetInt32());
        Assert.Equal(3, ai.GetProperty("leads_judged").GetInt32());
        Assert.Equal(0, ai.GetProperty("leads_from_cache").GetInt32());
        Assert.Equal(120 * calls, ai.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(30 * calls, ai.GetProperty("answer_tokens").GetInt64());
        Assert.Equal(3.0 / calls, ai.GetProperty("leads_per_call").GetDouble(), 2);
        // 120 prompt tokens at $500 and 30 answer tokens at $1000 per million, per call.
        Assert.Equal(0.09m * calls, ai.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Empty(ai.GetProperty("fallbacks_by_reason").EnumerateObject());

        var rescore = await app.StartRunAsync("""{"rescore": true}""");
        await app.ProcessQueuesAsync();

        var again = (await app.GetRunAsync(rescore)).Json().GetProperty("ai");
        Assert.Equal(calls, gemini.RequestCount);
        Assert.Equal((0, 3, 3), (again.GetProperty("calls").GetInt32(), again.GetProperty("leads_judged").GetInt32(), again.GetProperty("leads_from_cache").GetInt32()));
        Assert.All(TestApp.Array(await app.GetResultsAsync()), r => Assert.Equal("ai", r.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task A_bad_key_shows_in_health_and_in_the_run_as_misconfigured_and_costs_one_call()
    {
        gemini.Reply(GeminiReply.BadKey());
        await using var app = await TestApp.StartAsync(azurite, gemini.Settings());
        var before = (await app.HttpAsync<Health>(Requests.Get(), async (f, r, ct) => await f.Run(r, ct))).Json().GetProperty("ai");
        await app.CreateOfferIdAsync();
        await app.UploadAsync(Generated.Csv(8));
        var runId = await app.StartRunAsync();
        await app.ProcessQueuesAsync();

        var health = await app.HttpAsync<Health>(Requests.Get(), async (f, r, ct) => await f.Run(r, ct));
        var run = (await app.GetRunAsync(runId)).Json();

        Assert.Equal("ok", before.GetProperty("status").GetString());
        var ai = health.AssertStatus(StatusCodes.Status200OK).Json().GetProperty("ai");
        Assert.Equal("misconfigured", ai.GetProperty("status").GetString());
        Assert.Equal("Gemini rejected the API key (API_KEY_INVALID).", ai.GetProperty("detail").GetString());
        Assert.Equal(GeminiStandIn.Model, ai.GetProperty("model").GetString());
        Assert.DoesNotContain(GeminiStandIn.ApiKey, health.Body, StringComparison.Ordinal);
        Assert.Equal(1, gemini.RequestCount);
        Assert.Equal(8, run.GetProperty("ai").GetProperty("fallbacks_by_reason").GetProperty("ai_misconfigured").GetInt32());
        Assert.All(TestApp.Array(await app.GetResultsAsync()), r => Assert.Equal("ai_misconfigured", r.GetProperty("fallback_reason").GetString()));
    }

    [Fact]
    public async Task Health_says_when_no_key_is_configured()
    {
        await using var app = await TestApp.StartAsync(azurite, gemini.Settings(("Gemini:ApiKey", null)));

        var ai = (await app.HttpAsync<Health>(Requests.Get(), async (f, r, ct) => await f.Run(r, ct))).AssertStatus(StatusCodes.Status200OK).Json().GetProperty("ai");

        Assert.Equal("not_configured", ai.GetProperty("status").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task In_wait_mode_leads_wait_for_the_daily_quota_and_are_scored_by_the_ai_once_it_is_back()
    {
        gemini.Reply(GeminiReply.DailyQuota(), GeminiReply.Intent("Medium", 0.7, "Worth a call."));
        await using var app = await TestApp.StartAsync(azurite, gemini.Settings(
            ("Gemini:WhenQuotaSpent", "wait"), ("Gemini:BreakerProbeSeconds", "2")));
        await app.CreateOfferIdAsync();
        await app.UploadAsync(Generated.Csv(5));
        var runId = await app.StartRunAsync();

        await app.ProcessQueuesAsync();
        var waiting = (await app.GetRunAsync(runId)).Json();

        Assert.Equal(0, waiting.GetProperty("scored").GetInt32());
        Assert.False(waiting.GetProperty("done").GetBoolean());
        Assert.True(waiting.GetProperty("ai").GetProperty("waiting_for_quota_until").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.Equal(1, gemini.RequestCount);

        JsonElement run;
        do
        {
            await Task.Delay(500, TestApp.Cancellation);
            await app.ProcessQueuesAsync();
            run = (await app.GetRunAsync(runId)).Json();
        }
        while (!run.GetProperty("done").GetBoolean());

        Assert.Equal((5, 0), (run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.Equal(JsonValueKind.Null, run.GetProperty("ai").GetProperty("waiting_for_quota_until").ValueKind);
        Assert.All(TestApp.Array(await app.GetResultsAsync()), r => Assert.Equal("ai", r.GetProperty("source").GetString()));
        Assert.Equal(0, run.GetProperty("ai").GetProperty("fallbacks").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task On_the_queue_listener_concurrent_leads_share_calls_and_get_the_intents_of_one_call_per_lead()
    {
        var cancellation = TestContext.Current.CancellationToken;
        const int leads = 48;
        // A model judging each prospect on its own: the intent follows the lead's number.
        gemini.ReplyByProspect(ByNumber);

        var batched = await IntentsAsync(leads, cancellation, ("Gemini:CacheJudgements", "false"));
        var batchedCalls = gemini.RequestCount;
        gemini.Reset();
        gemini.ReplyByProspect(ByNumber);
        var single = await IntentsAsync(leads, cancellation, ("Gemini:CacheJudgements", "false"), ("Gemini:LeadsPerCall", "1"));

        Assert.Equal(leads, gemini.RequestCount);
        Assert.InRange(batchedCalls, 1, leads / 4);
        Assert.Equal(single, batched);
        Assert.All(batched.Values, v => Assert.Equal("ai", v.Source));
    }

    public void Dispose() => gemini.Dispose();

    private static GeminiReply ByNumber(System.Text.Json.Nodes.JsonObject prospect) =>
        (int.Parse(prospect["name"]!.GetValue<string>()[^3..], System.Globalization.CultureInfo.InvariantCulture) % 3) switch
        {
            0 => GeminiReply.Intent("High", 0.9),
            1 => GeminiReply.Intent("Medium", 0.5),
            _ => GeminiReply.Intent("Low", 0.7),
        };

    private async Task<Dictionary<string, (string? Intent, string? Source)>> IntentsAsync(
        int leads, CancellationToken cancellation, params (string Key, string? Value)[] settings)
    {
        await using var account = await azurite.RentAccountAsync(cancellation);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.FastQueues, gemini.Settings(settings));
        await host.CreateOfferAsync();
        await host.UploadAsync(Generated.Csv(leads));
        var run = await host.WaitForRunAsync(await host.StartRunAsync(), cancellation);
        Assert.Equal(leads, run.GetProperty("scored").GetInt32());
        var results = (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonElement[]>(host.Client, "results", cancellation))!;
        return results.ToDictionary(
            r => r.GetProperty("name").GetString()!,
            r => (r.GetProperty("breakdown").GetProperty("ai_intent").GetString(), r.GetProperty("source").GetString()));
    }
}
