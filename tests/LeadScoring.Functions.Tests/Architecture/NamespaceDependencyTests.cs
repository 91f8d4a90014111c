using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using LeadScoring.Functions.Functions;
using LeadScoring.LocalHost.Catalog;
using LeadScoring.Scoring.Storage;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace LeadScoring.Functions.Tests.Architecture;

/// <summary>The hosts' layers, as ArchUnitNET reads them: no namespace cycles, and the functions use the domain's public surface only.</summary>
public sealed class NamespaceDependencyTests
{
    private static readonly ArchUnitNET.Domain.Architecture Hosts = new ArchLoader()
        .LoadAssemblies(typeof(Health).Assembly, typeof(FunctionCatalog).Assembly, typeof(RunTable).Assembly)
        .Build();

    [Theory]
    [InlineData("LeadScoring.Functions.(*)")]
    [InlineData("LeadScoring.LocalHost.(*)")]
    public void Host_namespaces_depend_on_each_other_without_cycles(string slices) =>
        Slices().Matching(slices).Should().BeFreeOfCycles().Check(Hosts);

    [Fact]
    public void The_functions_use_only_the_public_surface_of_the_scoring_project() =>
        Types().That().ResideInAssembly(typeof(Health).Assembly)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(typeof(RunTable).Assembly).And().AreInternal())
            .Check(Hosts);
}
