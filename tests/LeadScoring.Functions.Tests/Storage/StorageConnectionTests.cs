using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Functions.Tests.Storage;

/// <summary>How AzureWebJobsStorage settings become clients, for both forms, without touching the network.</summary>
public sealed class StorageConnectionTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void Connection_string_setting_gives_clients_on_its_endpoints()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};"
                + "TableEndpoint=http://127.0.0.1:10102/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10101/devstoreaccount1;",
        });

        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();

        Assert.Equal(new Uri("http://127.0.0.1:10102/devstoreaccount1"), tables.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10101/devstoreaccount1"), queues.Uri);
        Assert.Equal("devstoreaccount1", queues.AccountName);
    }

    [Fact]
    public void Development_storage_shortcut_gives_clients_on_the_default_azurite_ports()
    {
        using var services = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();

        Assert.Equal(10002, tables.Uri.Port);
        Assert.Equal(10001, queues.Uri.Port);
    }

    [Fact]
    public void Identity_settings_give_service_uris_of_the_account_and_a_managed_identity()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "stleadscoring",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        };
        using var services = Build(settings);

        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();
        var connection = StorageConnection.FromConfiguration(Configuration(settings));

        Assert.Equal(new Uri("https://stleadscoring.table.core.windows.net/"), tables.Uri);
        Assert.Equal(new Uri("https://stleadscoring.queue.core.windows.net/"), queues.Uri);
        Assert.Equal("stleadscoring", queues.AccountName);
        Assert.IsType<ManagedIdentityCredential>(connection.CreateCredential());
        Assert.Equal("00000000-0000-0000-0000-000000000001", connection.ClientId);
    }

    [Fact]
    public void Identity_settings_accept_explicit_service_uris()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://queues.example/",
            ["AzureWebJobsStorage:blobServiceUri"] = "https://blobs.example/",
        }));

        Assert.Equal(new Uri("https://tables.example/"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://queues.example/"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://blobs.example/"), connection.BlobServiceUri);
        Assert.IsType<DefaultAzureCredential>(connection.CreateCredential());
    }

    [Fact]
    public void Missing_settings_fail_with_a_message_naming_the_setting()
    {
        using var services = Build([]);

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<TableServiceClient>());

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLeadStorage(Configuration(settings));
        return services.BuildServiceProvider();
    }
}
