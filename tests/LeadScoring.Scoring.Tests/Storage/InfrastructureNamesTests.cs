using System.Text.RegularExpressions;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Scoring.Tests.Storage;

/// <summary>
/// infra/app/storage.bicep creates exactly the tables, queues and blob containers the code names (StorageNames, the
/// source of truth): a name the code adds and the template misses would be created at start-up only if the data roles
/// allow it, and a name the template keeps after the code dropped it is clutter.
/// </summary>
public sealed partial class InfrastructureNamesTests
{
    private static readonly string Template = File.ReadAllText(Path.Combine(RepositoryRoot(), "infra", "app", "storage.bicep"));

    [Fact]
    public void The_template_creates_every_table_the_code_uses_and_no_other() =>
        Assert.Equal(StorageNames.Tables.Order(), Names("tableNames").Order());

    [Fact]
    public void The_template_creates_every_queue_the_code_uses_and_no_other() =>
        Assert.Equal(StorageNames.Queues.Order(), Names("queueNames").Order());

    [Fact]
    public void The_template_creates_every_blob_container_the_code_uses_and_no_other() =>
        Assert.Equal(StorageNames.Containers.Order(), Names("containerNames").Order());

    /// <summary>The string items of a Bicep array variable: <c>var name = [ 'a' 'b' ]</c>.</summary>
    private static IEnumerable<string> Names(string variable)
    {
        var declaration = new Regex($@"^var {variable} = \[(?<items>[^\]]*)\]", RegexOptions.Multiline).Match(Template);
        Assert.True(declaration.Success, $"storage.bicep declares no array '{variable}'");
        return Item().Matches(declaration.Groups["items"].Value).Select(match => match.Groups[1].Value);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LeadScoring.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("LeadScoring.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"'([^']+)'")]
    private static partial Regex Item();
}
