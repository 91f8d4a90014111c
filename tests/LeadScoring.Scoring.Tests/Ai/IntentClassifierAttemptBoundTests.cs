using LeadScoring.Scoring.Ai;
using LeadScoring.Testing;

namespace LeadScoring.Scoring.Tests.Ai;

/// <summary>
/// The classifier's time bounds in real time (an attempt's timeout, the caller's cancellation; the quota's are in
/// <see cref="IntentClassifierQuotaBoundTests"/>). Each waits a second or two, so they are classes of their own that
/// xunit runs beside the rest instead of after them (tests of one class run one after another).
/// </summary>
public sealed class IntentClassifierAttemptBoundTests : IClassFixture<GeminiStandIn>
{
    private readonly GeminiStandIn gemini;

    public IntentClassifierAttemptBoundTests(GeminiStandIn gemini)
    {
        this.gemini = gemini;
        gemini.Reset();
    }

    [Fact]
    public async Task Classifier_falls_back_with_ai_timeout_when_attempts_time_out()
    {
        // Real time: on a fake clock the attempt bound could pass before a cold first request even reaches the stand-in.
        gemini.Reply(GeminiReply.Intent("High", 1.0).After(TimeSpan.FromSeconds(4)));
        using var host = new ClassifierHost(gemini.Settings(("Gemini:TimeoutSeconds", "1"), ("Gemini:MaxRetries", "1")));

        var judgement = await host.ClassifyAsync();

        Assert.Equal(IntentSource.Fallback, judgement.Source);
        Assert.Equal(FallbackReason.AiTimeout, judgement.FallbackReason);
        Assert.Equal(2, gemini.RequestCount);
    }

    [Fact]
    public async Task Classifier_propagates_caller_cancellation_instead_of_falling_back()
    {
        gemini.Reply(GeminiReply.Intent("High", 1.0).After(TimeSpan.FromSeconds(10)));
        using var host = new ClassifierHost(gemini.Settings());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var classification = host.ClassifyAsync(cancellationToken: cancellation.Token);
        await Poll.UntilAsync(() => gemini.RequestCount == 1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => classification);
    }
}
