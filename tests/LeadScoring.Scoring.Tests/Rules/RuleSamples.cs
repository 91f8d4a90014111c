using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Tests.Rules;

/// <summary>Leads, offers and scorers for the rule and score tests.</summary>
internal static class RuleSamples
{
    public static Lead Lead(
        string role = "CEO",
        string industry = "saas",
        string name = "Ada Lovelace",
        string company = "Analytical Engines",
        string linkedinBio = "Builds engines") =>
        new("upload-2", name, role, company, industry, "London", linkedinBio);

    public static Offer Offer(KeywordOverrides? keywords = null) =>
        new("offer-1", "Enterprise CRM", "Automation", "Sales teams", keywords ?? KeywordOverrides.None,
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static RuleScorer Scorer(RuleOptions? options = null) => new(Options.Create(options ?? new RuleOptions()));
}
