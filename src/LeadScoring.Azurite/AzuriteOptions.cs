namespace LeadScoring.Azurite;

/// <summary>How to start Azurite: ports (0 picks a free one), persistence, and extra accounts.</summary>
public sealed class AzuriteOptions
{
    public int BlobPort { get; set; }
    public int QueuePort { get; set; }
    public int TablePort { get; set; }

    /// <summary>Keep data in memory only (tests). Otherwise data goes to <see cref="Location"/>.</summary>
    public bool InMemory { get; set; } = true;

    /// <summary>The data folder when not <see cref="InMemory"/> (e.g. a git-ignored .azurite/ in the repo).</summary>
    public string? Location { get; set; }

    /// <summary>Accounts besides devstoreaccount1 (passed as AZURITE_ACCOUNTS; devstoreaccount1 stays available).</summary>
    public IReadOnlyList<AzuriteAccount> Accounts { get; set; } = [];

    /// <summary>Azurite's --loose: ignore unsupported headers and parameters instead of failing.</summary>
    public bool Loose { get; set; }

    /// <summary>The folder holding LeadScoring.sln and package.json; found by walking up from the app when null.</summary>
    public string? RepositoryRoot { get; set; }

    public string NodeExecutable { get; set; } = "node";

    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan InstallTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
