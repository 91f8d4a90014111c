using System.Collections.Concurrent;
using LeadScoring.Scoring.Ai;
using LeadScoring.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LeadScoring.Scoring.Tests.Ai;

/// <summary>Faults every call would hit alike (a spent daily quota, a refused configuration) stop the calls, not the scoring.</summary>
public sealed class AiBreakerTests : IClassFixture<GeminiStandIn>
{
    private readonly GeminiStandIn gemini;

    // 2026-12-01 23:50 in Los Angeles (PST, UTC-8): the daily quota resets ten minutes later.
    private static readonly DateTimeOffset LateEvening = new(2026, 12, 2, 7, 50, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PacificMidnight = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    public AiBreakerTests(GeminiStandIn gemini)
    {
        this.gemini = gemini;
        gemini.Reset();
    }

    [Fact]
    public async Task A_spent_daily_quota_falls_every_lead_back_at_once_without_further_calls()
    {
        gemini.Reply(GeminiReply.DailyQuota("21s"));
        using var host = new ClassifierHost(gemini.Settings(("Gemini:MaxRetries", "3")));

        var first = await host.ClassifyAllAsync(AiTestData.Leads(5));
        var started = DateTimeOffset.UtcNow;
        var later = await host.ClassifyAllAsync(AiTestData.Leads(30));

        // One call: its 21 s retry delay is not waited out, and no lead after it calls.
        Assert.Equal(1, gemini.RequestCount);
        Assert.All(first.Concat(later), j => Assert.Equal(FallbackReason.AiQuotaDaily, j.FallbackReason));
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5));
        var outage = host.Breaker.Current!;
        Assert.Equal(AiOutageKind.QuotaSpent, outage.Kind);
        Assert.Equal(QuotaReset.After(DateTimeOffset.UtcNow), outage.QuotaResetsAt);
        Assert.Contains("GenerateRequestsPerDayPerProjectPerModel-FreeTier", outage.Detail, StringComparison.Ordinal);
        Assert.Single(host.Logs, log => log.Id.Id == 212);
        Assert.DoesNotContain(host.Logs, log => log.Id.Id == 200);
    }

    [Fact]
    public async Task A_429_naming_per_minute_and_per_day_quotas_at_once_opens_the_daily_breaker()
    {
        // As Gemini answers a model the key's tier has no quota for: every violated quota is listed, the day's among them.
        gemini.Reply(Quota(
            ("generate_content_free_tier_input_token_count", "GenerateContentInputTokensPerModelPerMinute-FreeTier"),
            ("generate_content_free_tier_requests", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"),
            ("generate_content_free_tier_requests", "GenerateRequestsPerDayPerProjectPerModel-FreeTier")));
        using var host = new ClassifierHost(gemini.Settings(("Gemini:MaxRetries", "3")));

        var judgement = await host.ClassifyAsync();

        Assert.Equal(FallbackReason.AiQuotaDaily, judgement.FallbackReason);
        Assert.Equal(1, gemini.RequestCount);
        Assert.Contains("GenerateRequestsPerDayPerProjectPerModel-FreeTier", host.Breaker.Current!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_per_minute_token_quota_is_waited_out_and_opens_no_breaker()
    {
        gemini.Reply(Quota(("generate_content_free_tier_input_token_count", "GenerateContentInputTokensPerModelPerMinute-FreeTier")), GeminiReply.Intent("Low", 0.6));
        using var host = new ClassifierHost(gemini.Settings());

        var judgement = await host.ClassifyAsync();

        Assert.Equal(IntentSource.Ai, judgement.Source);
        Assert.Equal(2, gemini.RequestCount);
        Assert.Null(host.Breaker.Current);
    }

    [Fact]
    public async Task A_429_without_details_is_waited_out_like_a_per_minute_quota()
    {
        gemini.Reply(GeminiReply.Error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."), GeminiReply.Intent("High", 0.8));
        using var host = new ClassifierHost(gemini.Settings());

        var judgement = await host.ClassifyAsync();

        Assert.Equal(IntentSource.Ai, judgement.Source);
        Assert.Equal(2, gemini.RequestCount);
        Assert.Null(host.Breaker.Current);
    }

    [Theory]
    [InlineData("bad key", "Gemini rejected the API key (API_KEY_INVALID).", "INVALID_ARGUMENT", "API_KEY_INVALID")]
    [InlineData("no access", "Gemini denied this API key access (PERMISSION_DENIED).", "PERMISSION_DENIED", "none")]
    [InlineData("no model", "Gemini does not know the model 'gemini-stand-in' (NOT_FOUND): it may be retired or misspelt.", "NOT_FOUND", "none")]
    public async Task A_refused_configuration_opens_the_breaker_once_and_says_what_is_wrong(string fault, string detail, string apiStatus, string reason)
    {
        gemini.Reply(fault switch
        {
            "bad key" => GeminiReply.BadKey(),
            "no access" => GeminiReply.PermissionDenied(),
            _ => GeminiReply.ModelNotFound(),
        });
        using var host = new ClassifierHost(gemini.Settings(("Gemini:MaxRetries", "3")));

        var judgements = await host.ClassifyAllAsync(AiTestData.Leads(20));
        judgements = [.. judgements, .. await host.ClassifyAllAsync(AiTestData.Leads(20))];

        Assert.Equal(1, gemini.RequestCount);
        Assert.All(judgements, j => Assert.Equal(FallbackReason.AiMisconfigured, j.FallbackReason));
        Assert.All(judgements, j => Assert.StartsWith("Rule fallback (AI misconfigured)", j.Reason, StringComparison.Ordinal));
        Assert.Equal((AiOutageKind.Misconfigured, detail), (host.Breaker.Current!.Kind, host.Breaker.Current.Detail));
        var log = Assert.Single(host.Logs, l => l.Id.Id == 211);
        Assert.Equal(apiStatus, log.GetStructuredStateValue("ApiStatus"));
        Assert.Equal(reason, log.GetStructuredStateValue("Reason"));
        Assert.Equal(GeminiStandIn.Model, log.GetStructuredStateValue("Model"));
        Assert.DoesNotContain(host.Logs, l => l.Message.Contains(GeminiStandIn.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_the_probe_interval_one_call_probes_and_a_success_closes_the_breaker()
    {
        var clock = new FakeTimeProvider(LateEvening);
        gemini.Reply(GeminiReply.BadKey(), GeminiReply.Intent("High", 0.9));
        using var host = new ClassifierHost(Immediate(("Gemini:BreakerProbeSeconds", "600")), clock);

        Assert.Equal(FallbackReason.AiMisconfigured, (await host.ClassifyAsync()).FallbackReason);
        clock.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(FallbackReason.AiMisconfigured, (await host.ClassifyAsync()).FallbackReason);
        Assert.Equal(1, gemini.RequestCount);
        clock.Advance(TimeSpan.FromSeconds(1));

        var probe = await host.ClassifyAsync();

        Assert.Equal(IntentSource.Ai, probe.Source);
        Assert.Equal(2, gemini.RequestCount);
        Assert.Null(host.Breaker.Current);
        Assert.Single(host.Logs, log => log.Id.Id == 213);
    }

    [Fact]
    public async Task A_probe_whose_caller_gives_up_lets_the_next_call_probe()
    {
        var clock = new FakeTimeProvider(LateEvening);
        gemini.Reply(GeminiReply.BadKey(), GeminiReply.Intent("Low", 0.5).After(TimeSpan.FromMinutes(1)), GeminiReply.Intent("High", 0.9));
        using var host = new ClassifierHost(Immediate(("Gemini:BreakerProbeSeconds", "600")), clock);
        await host.ClassifyAsync();
        clock.Advance(TimeSpan.FromSeconds(600));
        using var givingUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var probe = host.ClassifyAsync(cancellationToken: givingUp.Token);
        for (var i = 0; i < 500 && gemini.RequestCount < 2; i++) await Task.Delay(20, TestContext.Current.CancellationToken);
        await givingUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe);
        // The caller is free at once; the abandoned call unwinds a moment later and only then gives the probe back.
        for (var i = 0; i < 500 && host.Breaker.IsBlocking(out _); i++) await Task.Delay(20, TestContext.Current.CancellationToken);

        var next = await host.ClassifyAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // The abandoned probe gave its turn back: the next call probes, finds the key good and closes the breaker.
        Assert.Equal((IntentSource.Ai, 3), (next.Source, gemini.RequestCount));
        Assert.Null(host.Breaker.Current);
    }

    [Fact]
    public async Task A_spent_daily_quota_is_probed_when_it_resets_at_midnight_pacific()
    {
        var clock = new FakeTimeProvider(LateEvening);
        gemini.Reply(GeminiReply.DailyQuota(), GeminiReply.Intent("Medium", 0.5));
        using var host = new ClassifierHost(Immediate(("Gemini:BreakerProbeSeconds", "86400")), clock);

        await host.ClassifyAsync();

        Assert.Equal(PacificMidnight, host.Breaker.Current!.QuotaResetsAt);
        Assert.Equal(PacificMidnight, host.Breaker.Current.ProbeAt);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(IntentSource.Ai, (await host.ClassifyAsync()).Source);
        Assert.Equal(2, gemini.RequestCount);
    }

    [Fact]
    public async Task A_probe_that_finds_the_quota_still_spent_keeps_the_breaker_open()
    {
        var clock = new FakeTimeProvider(LateEvening);
        gemini.Reply(GeminiReply.DailyQuota());
        using var host = new ClassifierHost(Immediate(("Gemini:BreakerProbeSeconds", "60")), clock);

        await host.ClassifyAsync();
        clock.Advance(TimeSpan.FromSeconds(60));
        await host.ClassifyAsync();
        await host.ClassifyAsync();

        Assert.Equal(2, gemini.RequestCount);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(60), host.Breaker.Current!.ProbeAt);
        Assert.Equal(LateEvening, host.Breaker.Current.Since);
    }

    [Fact]
    public async Task In_wait_mode_a_spent_daily_quota_asks_the_caller_to_come_back_at_the_probe()
    {
        var clock = new FakeTimeProvider(LateEvening);
        gemini.Reply(GeminiReply.DailyQuota());
        using var host = new ClassifierHost(Immediate(("Gemini:WhenQuotaSpent", "Wait"), ("Gemini:BreakerProbeSeconds", "86400")), clock);

        var first = await Assert.ThrowsAsync<AiQuotaWaitException>(() => host.ClassifyAsync());
        var second = await Assert.ThrowsAsync<AiQuotaWaitException>(() => host.ClassifyAsync());

        Assert.Equal(PacificMidnight, first.RetryAt);
        Assert.Equal(PacificMidnight, second.RetryAt);
        Assert.Equal(1, gemini.RequestCount);
    }

    [Fact]
    public void Quota_reset_is_the_next_midnight_in_los_angeles_in_winter_and_summer()
    {
        Assert.Equal(PacificMidnight, QuotaReset.After(LateEvening));
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 7, 0, 0, TimeSpan.Zero), QuotaReset.After(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task A_remembered_judgement_of_the_same_content_costs_no_call_and_a_changed_field_does()
    {
        var cache = new MemoryJudgements();
        using var host = new ClassifierHost(gemini.Settings(), cache: cache);
        gemini.Reply(GeminiReply.Intent("High", 0.9, "CEO."));

        var first = await host.ClassifyAsync();
        var again = await host.ClassifyAsync(AiTestData.Lead with { Id = "upload-2-2" });
        var changed = await host.ClassifyAsync(AiTestData.Lead with { Role = "Intern" });

        Assert.Equal(2, gemini.RequestCount);
        Assert.Equal((first.Intent, first.Points, first.Reason, IntentSource.Ai), (again.Intent, again.Points, again.Reason, again.Source));
        Assert.True(again.Usage.FromCache);
        Assert.Equal(0, again.Usage.Calls);
        Assert.False(changed.Usage.FromCache);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task A_remembered_judgement_is_given_while_the_breaker_is_open()
    {
        var cache = new MemoryJudgements();
        gemini.Reply(GeminiReply.Intent("High", 0.9), GeminiReply.BadKey());
        using var host = new ClassifierHost(gemini.Settings(("Gemini:MaxRetries", "0")), cache: cache);

        await host.ClassifyAsync();
        var refused = await host.ClassifyAsync(AiTestData.Lead with { Role = "Intern" });
        var remembered = await host.ClassifyAsync();

        Assert.Equal(FallbackReason.AiMisconfigured, refused.FallbackReason);
        Assert.Equal((IntentSource.Ai, true), (remembered.Source, remembered.Usage.FromCache));
        Assert.Equal(2, gemini.RequestCount);
    }

    [Fact]
    public async Task With_the_cache_off_every_lead_is_asked_about()
    {
        var cache = new MemoryJudgements();
        using var host = new ClassifierHost(gemini.Settings(("Gemini:CacheJudgements", "false")), cache: cache);

        await host.ClassifyAsync();
        await host.ClassifyAsync();

        Assert.Equal(2, gemini.RequestCount);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_fallback_is_never_remembered()
    {
        var cache = new MemoryJudgements();
        gemini.Reply(GeminiReply.Unavailable(), GeminiReply.Intent("Low", 0.7));
        using var host = new ClassifierHost(gemini.Settings(("Gemini:MaxRetries", "0")), cache: cache);

        Assert.Equal(FallbackReason.AiUnavailable, (await host.ClassifyAsync()).FallbackReason);
        Assert.Equal(IntentSource.Ai, (await host.ClassifyAsync()).Source);

        Assert.Equal(2, gemini.RequestCount);
    }

    private static GeminiReply Quota(params (string Metric, string QuotaId)[] violations)
    {
        var list = new System.Text.Json.Nodes.JsonArray();
        foreach (var (metric, quotaId) in violations)
        {
            list.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["quotaMetric"] = "generativelanguage.googleapis.com/" + metric,
                ["quotaId"] = quotaId,
                ["quotaDimensions"] = new System.Text.Json.Nodes.JsonObject { ["location"] = "global", ["model"] = GeminiStandIn.Model },
            });
        }

        return GeminiReply.Error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["@type"] = "type.googleapis.com/google.rpc.QuotaFailure", ["violations"] = list },
            new System.Text.Json.Nodes.JsonObject { ["@type"] = "type.googleapis.com/google.rpc.RetryInfo", ["retryDelay"] = "0.02s" }));
    }

    // A fake clock drives no timers, so nothing may wait on one: no collection window, no retries.
    private Dictionary<string, string?> Immediate(params (string Key, string? Value)[] overrides) =>
        gemini.Settings([("Gemini:BatchWindowMilliseconds", "0"), ("Gemini:MaxRetries", "0"), .. overrides]);

    private sealed class MemoryJudgements : IJudgementCache
    {
        private readonly ConcurrentDictionary<string, RememberedJudgement> remembered = new();

        public int Count => remembered.Count;

        public Task<RememberedJudgement?> GetAsync(string key, CancellationToken cancellationToken) =>
            Task.FromResult(remembered.TryGetValue(key, out var judgement) ? judgement : null);

        public Task SetAsync(string key, RememberedJudgement judgement, CancellationToken cancellationToken)
        {
            remembered[key] = judgement;
            return Task.CompletedTask;
        }
    }
}
