using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Syntax.Elements.Types;
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
        UseOnlyPublicScoringTypes(Types().That().ResideInAssembly(typeof(Health).Assembly)).Check(Hosts);

    [Fact]
    public void The_public_surface_rule_fails_on_a_function_that_uses_an_internal_type()
    {
        // Fixture/: a type of this test assembly (which sees Scoring's internals) standing in for a function.
        var withFixture = new ArchLoader().LoadAssemblies(typeof(NamespaceDependencyTests).Assembly, typeof(RunTable).Assembly).Build();

        Assert.False(UseOnlyPublicScoringTypes(Types().That().ResideInNamespace("ArchFixture.Functions")).HasNoViolations(withFixture));
    }

    private static IArchRule UseOnlyPublicScoringTypes(GivenTypesConjunction functions) =>
        functions.Should().NotDependOnAny(Types().That().ResideInAssembly(typeof(RunTable).Assembly).And().AreInternal());
}
