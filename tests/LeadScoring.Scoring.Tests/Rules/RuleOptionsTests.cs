using LeadScoring.Scoring.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Tests.Rules;

public sealed class RuleOptionsTests
{
    [Fact]
    public void Binding_a_table_replaces_the_default_instead_of_appending()
    {
        using var services = Services(new() { ["Rules:TargetIndustries:0"] = "healthcare" });

        var options = services.GetRequiredService<IOptions<RuleOptions>>().Value;

        Assert.Equal(["healthcare"], options.TargetIndustries);
        Assert.Null(options.AdjacentIndustries);
    }

    [Fact]
    public void Scorer_uses_a_configured_table_alone()
    {
        using var services = Services(new() { ["Rules:TargetIndustries:0"] = "healthcare" });
        var scorer = services.GetRequiredService<RuleScorer>();

        var healthcare = scorer.Score(RuleSamples.Lead(industry: "Healthcare"), RuleSamples.Offer());
        var saas = scorer.Score(RuleSamples.Lead(industry: "saas"), RuleSamples.Offer());

        Assert.Equal(20, healthcare.IndustryPoints);
        Assert.Equal(0, saas.IndustryPoints);
    }

    [Fact]
    public void Scorer_uses_the_seed_tables_when_nothing_is_configured()
    {
        using var services = Services([]);
        var scorer = services.GetRequiredService<RuleScorer>();

        var score = scorer.Score(RuleSamples.Lead(role: "Vice President", industry: "Healthcare Tech"), RuleSamples.Offer());

        Assert.Equal(("vice president", "healthcare tech"), (score.RoleKeyword, score.IndustryKeyword));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("--")]
    public void Startup_validation_rejects_a_keyword_that_can_never_match(string keyword)
    {
        using var services = Services(new() { ["Rules:SeniorRoles:0"] = "vp", ["Rules:SeniorRoles:1"] = keyword });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Rules:SeniorRoles:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_validation_accepts_the_defaults()
    {
        using var services = Services([]);

        var error = Record.Exception(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(error);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLeadRules(configuration).BuildServiceProvider();
    }
}
