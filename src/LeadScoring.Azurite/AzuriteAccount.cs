namespace LeadScoring.Azurite;

/// <summary>A storage account Azurite serves: a name (3-24 lowercase letters and digits) and a base64 key.</summary>
public sealed record AzuriteAccount(string Name, string Key)
{
    /// <summary>Azurite's well-known development account, the one <c>UseDevelopmentStorage=true</c> means.</summary>
    public static AzuriteAccount DevelopmentStorage { get; } = new(
        "devstoreaccount1", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");
}
