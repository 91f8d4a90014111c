using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using LeadScoring.Scoring.Storage;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace LeadScoring.Scoring.Tests.Architecture;

/// <summary>
/// The scoring project's layers, as ArchUnitNET reads them from the compiled assembly (signatures and method bodies):
/// its namespaces are free of cycles; the domain (leads, offers, rules, scores, runs, outcomes, the learned model)
/// uses no Azure SDK, HTTP or AI-client type and none of the services or edges around it; only Storage talks to Azure
/// Storage; and the edges (Storage, Csv) never use the services that use them.
/// </summary>
public sealed class ArchitectureTests
{
    private const string AzureStorage = @"^Azure\.(Data\.Tables|Storage)(\..+)?$";

    private static readonly ArchUnitNET.Domain.Architecture Scoring = new ArchLoader().LoadAssemblies(typeof(RunTable).Assembly).Build();

    // Types of this test assembly in namespaces named like ours (Fixture/), each breaking one rule or more.
    private static readonly ArchUnitNET.Domain.Architecture Violations = new ArchLoader().LoadAssemblies(typeof(ArchitectureTests).Assembly).Build();

    /// <summary>Every rule, for a root namespace: the scoring project's ("LeadScoring.Scoring") or the fixture's ("ArchFixture").</summary>
    public static TheoryData<string> Rules => [.. RuleSet("LeadScoring.Scoring").Keys];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Scoring_project_keeps_the_rule(string rule) => RuleSet("LeadScoring.Scoring")[rule].Check(Scoring);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_fails_on_code_that_breaks_it(string rule) =>
        Assert.False(RuleSet("ArchFixture")[rule].HasNoViolations(Violations), $"'{rule}' found nothing wrong in the fixture built to break it.");

    [Fact]
    public void The_rules_see_dependencies_on_types_of_other_assemblies_and_inside_method_bodies()
    {
        // Would every rule above pass vacuously? Storage does use Azure Storage, and the composition root registers
        // the pipeline's services with generic method calls only.
        Types().That().Are(typeof(RunTable)).Should().DependOnAnyTypesThat().ResideInNamespaceMatching(AzureStorage).Check(Scoring);
        Types().That().Are(typeof(ScoringServiceCollectionExtensions)).Should().DependOnAnyTypesThat().ResideInNamespace("LeadScoring.Scoring.Pipeline").Check(Scoring);
    }

    private static Dictionary<string, IArchRule> RuleSet(string root)
    {
        var at = root.Replace(".", @"\.", StringComparison.Ordinal);
        var domain = $@"^{at}\.(Leads|Offers|Rules|Scores|Runs|Outcomes|Learning)(\..+)?$";
        var services = $@"^{at}(\.(Imports|Pipeline|Evaluation))?$";
        return new Dictionary<string, IArchRule>(StringComparer.Ordinal)
        {
            ["namespaces without cycles"] = Slices().Matching(root + ".(*)").Should().BeFreeOfCycles(),
            ["the domain uses no Azure, HTTP or AI-client type"] = Types().That().ResideInNamespaceMatching(domain)
                .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^(Azure|Microsoft\.AspNetCore|Microsoft\.Extensions\.AI|Microsoft\.Extensions\.Http)(\..+)?$"),
            ["the domain uses none of the services and edges around it"] = Types().That().ResideInNamespaceMatching(domain)
                .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching($@"^{at}(\.(Storage|Csv|Imports|Pipeline|Evaluation)(\..+)?)?$"),
            ["only Storage talks to Azure Storage"] = Types().That().ResideInNamespaceMatching("^" + at).And().DoNotResideInNamespaceMatching($@"^{at}\.Storage(\..+)?$")
                .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(AzureStorage),
            ["Storage never uses the services"] = Types().That().ResideInNamespaceMatching($@"^{at}\.Storage(\..+)?$")
                .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(services),
            ["Csv never uses the services"] = Types().That().ResideInNamespaceMatching($@"^{at}\.Csv(\..+)?$")
                .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(services),
        };
    }
}
