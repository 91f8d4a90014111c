using BenchmarkDotNet.Attributes;
using LeadScoring.Bench.Leads;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;
using Microsoft.Extensions.Options;

namespace LeadScoring.Bench.Micro;

/// <summary>The rule half of a score over generated leads, per lead: with the shared matchers, and with an offer's overrides.</summary>
[MemoryDiagnoser]
public class RuleScorerBenchmarks
{
    private const int Leads = 1000;
    private readonly RuleScorer scorer = new(Options.Create(new RuleOptions()));
    private readonly Offer plain = new("offer", "AI Outreach Automation", "24/7 outreach", "B2B SaaS mid-market", KeywordOverrides.None, DateTimeOffset.UnixEpoch);
    private readonly Offer overriding = new(
        "offer", "Clinic scheduling", "fewer no-shows", "hospitals", new KeywordOverrides(TargetIndustries: ["healthcare", "hospital"]), DateTimeOffset.UnixEpoch);
    private Lead[] leads = [];

    [GlobalSetup]
    public void Setup() =>
        leads = [.. new LeadGenerator().Leads(Leads).Select((f, i) => new Lead($"upload-{i:D8}", f[0], f[1], f[2], f[3], f[4], f[5]))];

    [Benchmark(OperationsPerInvoke = Leads, Description = "RuleScorer.Score, seed tables (per lead)")]
    public int SeedTables()
    {
        var total = 0;
        foreach (var lead in leads) total += scorer.Score(lead, plain).RolePoints;
        return total;
    }

    [Benchmark(OperationsPerInvoke = Leads, Description = "RuleScorer.Score, offer overrides (per lead)")]
    public int OfferOverrides()
    {
        var total = 0;
        foreach (var lead in leads) total += scorer.Score(lead, overriding).IndustryPoints;
        return total;
    }
}
