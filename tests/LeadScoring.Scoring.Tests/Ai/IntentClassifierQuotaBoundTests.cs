using LeadScoring.Scoring.Ai;
using LeadScoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Scoring.Tests.Ai;

/// <summary>
/// The classifier's quota bounds in real time (the rate limiter's window runs on the clock, so a fake clock moved on
/// would refill it); a class of its own for the reason <see cref="IntentClassifierAttemptBoundTests"/> gives.
/// </summary>
public sealed class IntentClassifierQuotaBoundTests : IClassFixture<GeminiStandIn>
{
    private readonly GeminiStandIn gemini;

    public IntentClassifierQuotaBoundTests(GeminiStandIn gemini)
    {
        this.gemini = gemini;
        gemini.Reset();
    }

    [Fact]
    public async Task Classifier_falls_back_with_ai_quota_when_quota_wait_exceeds_its_bound()
    {
        // Real time: the limiter's window runs on the clock too, so a fake clock moved on refills it.
        // Only the third call's outcome is asserted: the first two may be slow on a cold, busy machine.
        using var host = new ClassifierHost(gemini.Settings(
            ("Gemini:RequestsPerMinute", "2"), ("Gemini:MaxRetries", "0"), ("Gemini:TimeoutSeconds", "2"), ("Gemini:MaxQuotaWaitSeconds", "2"), ("Gemini:LeadsPerCall", "1")));
        await host.ClassifyAsync();
        await host.ClassifyAsync();

        var third = await host.ClassifyAsync();

        Assert.Equal(IntentSource.Fallback, third.Source);
        Assert.Equal(FallbackReason.AiQuota, third.FallbackReason);
        Assert.Equal(2, gemini.RequestCount);
    }

    [Fact]
    public async Task Call_that_waits_for_the_next_minute_longer_than_its_total_bound_is_still_answered()
    {
        // Two permits a minute and a 2 s bound on a call: the third call waits about a minute for its permit. Counted
        // against its own bound, as it used to be, that wait fell the lead back (ai_quota) long before the permit came.
        using var host = new ClassifierHost(gemini.Settings(
            ("Gemini:RequestsPerMinute", "2"), ("Gemini:TimeoutSeconds", "2"), ("Gemini:TotalTimeoutSeconds", "2"), ("Gemini:MaxQuotaWaitSeconds", "90"),
            ("Gemini:LeadsPerCall", "1")));

        var judgements = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.ClassifyAsync()));

        Assert.All(judgements, judgement => Assert.Equal(IntentSource.Ai, judgement.Source));
        Assert.Equal(3, gemini.RequestCount);
    }

    [Fact]
    public async Task Classifier_queues_a_burst_beyond_requests_per_minute_instead_of_calling()
    {
        // One lead per call, so the burst is three calls for two permits.
        using var host = new ClassifierHost(gemini.Settings(("Gemini:RequestsPerMinute", "2"), ("Gemini:TotalTimeoutSeconds", "60"), ("Gemini:LeadsPerCall", "1")));
        var limiter = host.Services.GetRequiredService<GeminiRateLimiter>();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var burst = Enumerable.Range(0, 3).Select(_ => host.ClassifyAsync(cancellationToken: cancellation.Token)).ToArray();
        await Poll.UntilAsync(() => burst.Count(call => call.IsCompleted) == 2 && limiter.QueuedForQuota == 1);

        var answered = await Task.WhenAll(burst.Where(call => call.IsCompleted));
        Assert.All(answered, judgement => Assert.Equal(IntentSource.Ai, judgement.Source));
        Assert.Equal(2, gemini.RequestCount);
        var waiting = Assert.Single(burst, call => !call.IsCompleted);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
