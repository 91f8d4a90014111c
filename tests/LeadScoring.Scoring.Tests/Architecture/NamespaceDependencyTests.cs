using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;

namespace LeadScoring.Scoring.Tests.Architecture;

public sealed class NamespaceDependencyTests
{
    private static readonly NamespaceDependencies Scoring = NamespaceDependencies.Of(typeof(RunTable).Assembly, "LeadScoring.Scoring");

    [Fact]
    public void Scoring_namespaces_depend_on_each_other_without_cycles()
    {
        var cycles = Scoring.Cycles();

        Assert.True(cycles.Count == 0, "Namespace cycles: " + string.Join("; ", cycles.Select(cycle => string.Join(" <-> ", cycle))));
    }

    [Theory]
    [InlineData("LeadScoring.Scoring.Storage")]
    [InlineData("LeadScoring.Scoring.Csv")]
    public void Edges_depend_on_the_domain_and_never_on_the_services_that_use_them(string edge)
    {
        var uses = Scoring.Edges[edge];

        Assert.DoesNotContain("LeadScoring.Scoring.Pipeline", uses);
        Assert.DoesNotContain("LeadScoring.Scoring.Imports", uses);
        Assert.DoesNotContain("LeadScoring.Scoring", uses);
    }

    [Fact]
    public void The_reader_sees_references_made_only_inside_method_bodies()
    {
        // The composition root news up nothing but registers the pipeline's services: generic method calls only.
        var uses = Scoring.Edges["LeadScoring.Scoring"];

        Assert.Contains("LeadScoring.Scoring.Pipeline", uses);
        Assert.Contains("LeadScoring.Scoring.Imports", uses);
    }
}
