using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Testing;

namespace LeadScoring.Functions.Tests.Reliability;

/// <summary>Gemini misbehaving for a whole run, against real storage: every lead still ends scored, and says why it fell back.</summary>
[Trait("Category", "Slow")]
public sealed partial class GeminiFaultTests(AzuriteFixture azurite) : IDisposable
{
    private const int Seed = 20261124;
    private readonly GeminiStandIn gemini = new();

    private enum Fault
    {
        None,
        Internal,
        Unavailable,
        Timeout,
        Garbage,
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_lead_is_scored_and_each_fallback_names_its_fault_when_gemini_fails_at_random()
    {
        const int leads = 40;
        var sent = new ConcurrentDictionary<string, ConcurrentQueue<Fault>>();
        gemini.ReplyByPrompt(prompt =>
        {
            var lead = LeadName().Match(prompt).Groups[1].Value;
            var attempts = sent.GetOrAdd(lead, _ => new ConcurrentQueue<Fault>());
            var fault = PlannedFault(lead, attempts.Count);
            attempts.Enqueue(fault);
            return Reply(fault);
        });
        // One-second attempts, so a "timeout" reply (two seconds late) costs a second; one retry, as in the stand-in's defaults.
        await using var app = await TestApp.StartAsync(azurite, gemini.Settings(("Gemini:TimeoutSeconds", "1")));
        await app.CreateOfferIdAsync();
        await app.UploadAsync(Generated.Csv(leads));
        var runId = await app.StartRunAsync();

        await app.ProcessQueuesAsync();

        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((leads, leads, 0), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.True(run.GetProperty("done").GetBoolean());
        var results = TestApp.Array(await app.GetResultsAsync());
        Assert.Equal(leads, results.Select(r => r.GetProperty("lead_id").GetString()).Distinct().Count());
        // The seed must really exercise every fault, or the test proves nothing.
        Assert.All(Enum.GetValues<Fault>(), fault => Assert.Contains(sent.Values.SelectMany(a => a), f => f == fault));
        foreach (var result in results)
        {
            var name = result.GetProperty("name").GetString()!;
            var (source, reason) = (result.GetProperty("source").GetString(), result.GetProperty("fallback_reason").GetString());
            var expected = Expected(sent[name].Last());
            // On a loaded machine any answer can arrive after the one-second attempt bound: a timeout is always a fair reason.
            if (reason == "ai_timeout") continue;
            Assert.True((expected.Source, expected.Reason) == (source, reason), $"{name}: replies {string.Join(",", sent[name])} gave {source}/{reason}");
            Assert.InRange(result.GetProperty("breakdown").GetProperty("ai_points").GetInt32(), 0, 50);
        }

        Assert.Contains(results, r => r.GetProperty("source").GetString() == "ai");
        Assert.Contains(results, r => r.GetProperty("source").GetString() == "fallback");
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_lead_is_scored_when_gemini_is_out_of_quota_for_a_while()
    {
        // The first twelve calls hit an exhausted quota (retry in 1 s); then it is back.
        gemini.Reply([.. Enumerable.Repeat(GeminiReply.Quota("1s"), 12), GeminiReply.Intent("High", 0.8)]);
        // Generous attempt bounds: a slow answer on a loaded machine must not turn into an extra (timed-out) call.
        await using var app = await TestApp.StartAsync(azurite, gemini.Settings(("Gemini:TimeoutSeconds", "30"), ("Gemini:TotalTimeoutSeconds", "60")));
        await app.CreateOfferIdAsync();
        await app.UploadAsync(Generated.Csv(10));
        var runId = await app.StartRunAsync();

        await app.ProcessQueuesAsync();

        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((10, 10, 0), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        var results = TestApp.Array(await app.GetResultsAsync());
        // Leads are scored one by one here: each of the first six spends its call and its one retry on the quota.
        var outcomes = results.GroupBy(r => (r.GetProperty("source").GetString(), r.GetProperty("fallback_reason").GetString()))
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<(string?, string?), int> { [("fallback", "ai_quota")] = 6, [("ai", null)] = 4 }, outcomes);
        Assert.Equal(16, gemini.RequestCount);
    }

    public void Dispose() => gemini.Dispose();

    /// <summary>Fixed by the seed, the lead and the attempt, not by the order in which requests arrive: about 30% faults.</summary>
    private static Fault PlannedFault(string lead, int attempt)
    {
        var number = int.Parse(lead.AsSpan(lead.LastIndexOf(' ') + 1), CultureInfo.InvariantCulture);
        var roll = new Random(Seed + (number * 16) + attempt).NextDouble();
        return roll switch
        {
            < 0.075 => Fault.Internal,
            < 0.15 => Fault.Unavailable,
            < 0.225 => Fault.Timeout,
            < 0.30 => Fault.Garbage,
            _ => Fault.None,
        };
    }

    private static GeminiReply Reply(Fault fault) => fault switch
    {
        Fault.Internal => GeminiReply.InternalError(),
        Fault.Unavailable => GeminiReply.Unavailable(),
        Fault.Timeout => GeminiReply.Intent("High", 1).After(TimeSpan.FromSeconds(2)),
        Fault.Garbage => GeminiReply.Garbage(),
        _ => GeminiReply.Intent("Medium", 0.6, "Plausible buyer."),
    };

    /// <summary>What the last reply a lead got must lead to (retries are spent on 5xx and timeouts, not on a 200).</summary>
    private static (string Source, string? Reason) Expected(Fault last) => last switch
    {
        Fault.None => ("ai", null),
        Fault.Garbage => ("fallback", "ai_invalid_response"),
        Fault.Timeout => ("fallback", "ai_timeout"),
        _ => ("fallback", "ai_unavailable"),
    };

    [GeneratedRegex("<prospects_data>\\s*\\[\\s*\\{\\s*\"lead_id\":\\s*\"[^\"]+\",\\s*\"name\":\\s*\"([^\"]+)\"")]
    private static partial Regex LeadName();
}
