using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LeadScoring.Scoring.Tests.Ai;

/// <summary>The AI layer as the hosts compose it (AddIntentClassifier), with every log captured down to Trace.</summary>
internal sealed class ClassifierHost : IDisposable
{
    public ClassifierHost(IDictionary<string, string?> settings, TimeProvider? clock = null, IJudgementCache? cache = null)
    {
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        if (clock is not null) services.AddSingleton(clock);
        if (cache is not null) services.AddSingleton(cache);
        services.AddIntentClassifier(Configuration);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public IConfiguration Configuration { get; }

    public ServiceProvider Services { get; }

    public IntentClassifier Classifier => Services.GetRequiredService<IntentClassifier>();

    public AiBreaker Breaker => Services.GetRequiredService<AiBreaker>();

    public IReadOnlyList<FakeLogRecord> Logs => Services.GetFakeLogCollector().GetSnapshot();

    public Task<IntentJudgement> ClassifyAsync(Lead? lead = null, CancellationToken? cancellationToken = null) =>
        Classifier.ClassifyAsync(AiTestData.Offer, lead ?? AiTestData.Lead, AiTestData.Rules, cancellationToken ?? TestContext.Current.CancellationToken);

    /// <summary>Classifies these leads at once, as concurrent scoring invocations do.</summary>
    public Task<IntentJudgement[]> ClassifyAllAsync(IEnumerable<Lead> leads) => Task.WhenAll(leads.Select(lead => ClassifyAsync(lead)));

    public void Dispose() => Services.Dispose();
}

internal static class AiTestData
{
    public static Offer Offer { get; } = new(
        "offer-1", "Enterprise CRM Platform", "Advanced analytics, automation, seamless integrations",
        "Large enterprises, sales teams 50+, complex sales cycles", KeywordOverrides.None, DateTimeOffset.UnixEpoch);

    public static Lead Lead { get; } = new(
        "upload-1-2", "John Smith", "CEO", "TechCorp", "saas", "San Francisco", "Scaling SaaS platforms for Fortune 500");

    /// <summary><paramref name="count"/> distinct leads of one upload: "Lead 01" ... with ids upload-1-2 ...</summary>
    public static IReadOnlyList<Lead> Leads(int count) =>
        [.. Enumerable.Range(1, count).Select(i => Lead with { Id = $"upload-1-{i + 1}", Name = $"Lead {i:D2}" })];

    // CEO at a SaaS company: the fallback judges it High 45, the AI may say anything up to 50.
    public static RuleScore Rules { get; } = new(RoleTier.DecisionMaker, 20, "ceo", IndustryTier.Target, 20, "saas", 10, []);
}

internal static class Poll
{
    /// <summary>Polls state another task changes; bounded so a broken limiter fails the test instead of hanging it.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.True(condition(), "condition not reached within 10 s");
    }
}

internal static class FakeClock
{
    /// <summary>
    /// Moves a fake clock on a little at a time until <paramref name="reached"/> holds: a retry's back-off, RetryInfo's
    /// wait or an attempt timeout then passes at once, while the stand-in answers in real time. The bounds around it
    /// should be generous, as the clock also moves while an answer is on its way.
    /// </summary>
    public static async Task AdvanceUntilAsync(this FakeTimeProvider clock, Func<bool> reached)
    {
        for (var i = 0; i < 4_000 && !reached(); i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(2, TestContext.Current.CancellationToken); // lets the call's continuations run
        }

        Assert.True(reached(), "not reached within 200 s of fake time");
    }
}
