using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Scores;
using LeadScoring.Scoring.Tests.Rules;

namespace LeadScoring.Scoring.Tests.Scores;

/// <summary>
/// The seed README's examples through the steps <see cref="LeadScorer"/> runs: rules, AI half, composition.
/// The AI half is the fallback a classifier without a key returns, built directly, so these tests do not depend
/// on how <see cref="IntentClassifier"/> is constructed.
/// </summary>
public sealed class SeedExampleTests
{
    [Theory]
    [InlineData("John Smith", "CEO", "TechCorp", "saas", "Scaling SaaS platforms for Fortune 500", 95, Intent.High)]
    [InlineData("Sarah Johnson", "VP Marketing", "DataTech", "technology", "Growth marketing leader", 70, Intent.Medium)]
    [InlineData("Mike Chen", "HR Manager", "RetailCorp", "retail", "Human resources professional", 35, Intent.Low)]
    public void Readme_leads_score_as_the_seed_says_with_the_rule_fallback(
        string name, string role, string company, string industry, string bio, int score, Intent intent)
    {
        var lead = new Lead("upload-1-2", name, role, company, industry, "Seattle", bio);
        var rules = RuleSamples.Scorer().Score(lead, RuleSamples.Offer());

        var composed = ScoreComposer.Compose(rules, FallbackIntent.Judge(rules, FallbackReason.AiNotConfigured));

        Assert.Equal((score, intent), (composed.Score, composed.Intent));
        Assert.Equal((IntentSource.Fallback, FallbackReason.AiNotConfigured), (composed.Breakdown.AiSource, composed.Breakdown.FallbackReason));
    }

    // The seed's "score distribution" table: its rule columns from our RuleScorer, its AI column as a model answer
    // (the table's AI points are not the fallback's); the total is the sum of the columns, which lies in each row's range.
    // The seed labels the first row's industry "AI Startup", which matches none of its own keywords (the seed's
    // rules give it 0, not the 20 shown), so the row uses an industry that carries the 20: "AI software startup".
    [Theory]
    [InlineData("Founder", "AI software startup", 20, 20, Intent.High, 45, 95, Intent.High)]
    [InlineData("VP Engineering", "FinTech", 15, 12, Intent.High, 45, 82, Intent.High)]
    [InlineData("Director", "Consulting", 15, 12, Intent.Medium, 25, 62, Intent.Medium)]
    [InlineData("Account Manager", "Software", 10, 20, Intent.Medium, 25, 65, Intent.Medium)]
    [InlineData("Senior Developer", "SaaS", 10, 20, Intent.Low, 5, 45, Intent.Low)]
    [InlineData("Product Manager", "Healthcare", 10, 5, Intent.Low, 5, 30, Intent.Low)]
    public void Distribution_table_rows_score_as_the_seed_says(
        string role, string industry, int rolePoints, int industryPoints, Intent aiIntent, int aiPoints, int score, Intent intent)
    {
        var rules = RuleSamples.Scorer().Score(RuleSamples.Lead(role: role, industry: industry), RuleSamples.Offer());
        var ai = new IntentJudgement(aiIntent, aiPoints, "model answer", IntentSource.Ai, 0);

        var composed = ScoreComposer.Compose(rules, ai);

        Assert.Equal((rolePoints, industryPoints, 10), (rules.RolePoints, rules.IndustryPoints, rules.CompletenessPoints));
        Assert.Equal((score, intent), (composed.Score, composed.Intent));
    }
}
