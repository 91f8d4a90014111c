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
    private const string Domain = @"^LeadScoring\.Scoring\.(Leads|Offers|Rules|Scores|Runs|Outcomes|Learning)(\..+)?$";
    private const string AzureStorage = @"^Azure\.(Data\.Tables|Storage)(\..+)?$";

    private static readonly ArchUnitNET.Domain.Architecture Scoring = new ArchLoader().LoadAssemblies(typeof(RunTable).Assembly).Build();

    [Fact]
    public void Scoring_namespaces_depend_on_each_other_without_cycles() =>
        Slices().Matching("LeadScoring.Scoring.(*)").Should().BeFreeOfCycles().Check(Scoring);

    [Fact]
    public void The_domain_uses_no_azure_http_or_ai_client_type() =>
        Types().That().ResideInNamespaceMatching(Domain)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^(Azure|Microsoft\.AspNetCore|Microsoft\.Extensions\.AI|Microsoft\.Extensions\.Http)(\..+)?$")
            .Check(Scoring);

    [Fact]
    public void The_domain_uses_none_of_the_services_and_edges_around_it() =>
        Types().That().ResideInNamespaceMatching(Domain)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^LeadScoring\.Scoring(\.(Storage|Csv|Imports|Pipeline|Evaluation)(\..+)?)?$")
            .Check(Scoring);

    [Fact]
    public void Only_storage_talks_to_azure_storage() =>
        Types().That().ResideInNamespaceMatching(@"^LeadScoring\.Scoring").And().DoNotResideInNamespaceMatching(@"^LeadScoring\.Scoring\.Storage(\..+)?$")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(AzureStorage)
            .Check(Scoring);

    [Theory]
    [InlineData("LeadScoring.Scoring.Storage")]
    [InlineData("LeadScoring.Scoring.Csv")]
    public void Edges_never_use_the_services_that_use_them(string edge) =>
        Types().That().ResideInNamespaceMatching("^" + edge.Replace(".", @"\.", StringComparison.Ordinal) + @"(\..+)?$")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^LeadScoring\.Scoring(\.(Imports|Pipeline|Evaluation))?$")
            .Check(Scoring);

    [Fact]
    public void The_rules_see_dependencies_on_types_of_other_assemblies_and_inside_method_bodies()
    {
        // Would every rule above pass vacuously? Storage does use Azure Storage, and the composition root registers
        // the pipeline's services with generic method calls only.
        Types().That().Are(typeof(RunTable)).Should().DependOnAnyTypesThat().ResideInNamespaceMatching(AzureStorage).Check(Scoring);
        Types().That().Are(typeof(ScoringServiceCollectionExtensions)).Should().DependOnAnyTypesThat().ResideInNamespace("LeadScoring.Scoring.Pipeline").Check(Scoring);
    }
}
