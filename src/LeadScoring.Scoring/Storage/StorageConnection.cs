using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Where the storage account is and how to sign in, read the way the Functions host reads
/// <c>AzureWebJobsStorage</c>: either a connection string (Azurite, <c>UseDevelopmentStorage=true</c>) or the
/// identity-based settings <c>__accountName</c> (or <c>__tableServiceUri</c> / <c>__queueServiceUri</c> /
/// <c>__blobServiceUri</c>),
/// <c>__credential=managedidentity</c> and <c>__clientId</c> (a user-assigned identity).
/// </summary>
internal sealed record StorageConnection(
    string? ConnectionString,
    Uri? TableServiceUri,
    Uri? QueueServiceUri,
    Uri? BlobServiceUri,
    string? Credential,
    string? ClientId)
{
    public bool UsesIdentity => ConnectionString is null;

    public static StorageConnection FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageNames.Connection);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection(section.Value, null, null, null, null, null);
        }

        var accountName = section["accountName"];
        var tableUri = ServiceUri(section["tableServiceUri"], accountName, "table");
        var queueUri = ServiceUri(section["queueServiceUri"], accountName, "queue");
        var blobUri = ServiceUri(section["blobServiceUri"], accountName, "blob");
        if (tableUri is null || queueUri is null || blobUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {StorageNames.Connection} to a connection string, or " +
                $"{StorageNames.Connection}__accountName (with __credential=managedidentity and __clientId in Azure).");
        }

        return new StorageConnection(null, tableUri, queueUri, blobUri, section["credential"], section["clientId"]);
    }

    public TableServiceClient CreateTableServiceClient(TableClientOptions options) =>
        ConnectionString is { } connectionString
            ? new TableServiceClient(connectionString, options)
            : new TableServiceClient(TableServiceUri!, CreateCredential(), options);

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions options) =>
        ConnectionString is { } connectionString
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(QueueServiceUri!, CreateCredential(), options);

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions options) =>
        ConnectionString is { } connectionString
            ? new BlobServiceClient(connectionString, options)
            : new BlobServiceClient(BlobServiceUri!, CreateCredential(), options);

    /// <summary>The Functions host's convention: "managedidentity" means exactly that identity; otherwise the default chain (developer sign-in).</summary>
    public TokenCredential CreateCredential() =>
        string.Equals(Credential, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrWhiteSpace(ClientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(ClientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId });

    private static Uri? ServiceUri(string? explicitUri, string? accountName, string service) =>
        !string.IsNullOrWhiteSpace(explicitUri) ? new Uri(explicitUri)
        : !string.IsNullOrWhiteSpace(accountName) ? new Uri($"https://{accountName}.{service}.core.windows.net/")
        : null;
}
