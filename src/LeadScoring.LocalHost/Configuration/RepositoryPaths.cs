namespace LeadScoring.LocalHost.Configuration;

/// <summary>Where the repo's shared files are, found by walking up from the build output to LeadScoring.sln.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string LocalSettings => Path.Combine(Root, "local.settings.json");

    public static string AzuriteData => Path.Combine(Root, ".azurite");

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "LeadScoring.sln"))) return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
