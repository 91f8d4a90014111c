using LeadScoring.Azurite;

namespace LeadScoring.LocalHost.Configuration;

/// <summary>Where the repo's shared files are (the folder holding LeadScoring.sln).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = AzuriteProcess.FindRepositoryRoot();

    public static string LocalSettings => Path.Combine(Root, "local.settings.json");

    public static string AzuriteData => Path.Combine(Root, ".azurite");
}
