using LeadScoring.Functions.Functions;
using LeadScoring.LocalHost.Catalog;
using LeadScoring.Testing;

namespace LeadScoring.Functions.Tests.Architecture;

public sealed class NamespaceDependencyTests
{
    [Theory]
    [InlineData(typeof(Health), "LeadScoring.Functions")]
    [InlineData(typeof(FunctionCatalog), "LeadScoring.LocalHost")]
    public void Host_namespaces_depend_on_each_other_without_cycles(Type inAssembly, string root)
    {
        var cycles = NamespaceDependencies.Of(inAssembly.Assembly, root).Cycles();

        Assert.True(cycles.Count == 0, "Namespace cycles: " + string.Join("; ", cycles.Select(cycle => string.Join(" <-> ", cycle))));
    }
}
