using System.Net.Sockets;
using LeadScoring.Azurite;

namespace LeadScoring.LocalHost.Azurite;

/// <summary>
/// With <c>UseDevelopmentStorage=true</c> and nothing listening on Azurite's ports, starts Azurite
/// (data in the repo's git-ignored .azurite folder) and stops it when the host stops.
/// </summary>
internal sealed partial class DevelopmentStorage(IConfiguration configuration, ILogger<DevelopmentStorage> logger) : IHostedService, IAsyncDisposable
{
    private AzuriteProcess? azurite;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = configuration["AzureWebJobsStorage"];
        if (!string.Equals(storage, "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)) return;
        if (await IsListeningAsync(10001, cancellationToken))
        {
            LogAlreadyRunning(logger);
            return;
        }

        // A first start spends about a minute in npm ci: say so, or the host looks stuck.
        if (!AzuriteProcess.IsInstalled()) LogInstalling(logger);
        azurite = await AzuriteProcess.StartAsync(
            new AzuriteOptions
            {
                // Azurite's well-known ports, which UseDevelopmentStorage=true points at; data survives restarts.
                BlobPort = 10000,
                QueuePort = 10001,
                TablePort = 10002,
                InMemory = false,
                Location = Configuration.RepositoryPaths.AzuriteData,
            },
            cancellationToken);
        LogStarted(logger, Configuration.RepositoryPaths.AzuriteData);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (azurite is not null) await azurite.DisposeAsync();
        azurite = null;
    }

    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 910, Level = LogLevel.Information, Message = "Azurite is already listening on 127.0.0.1:10001; using it")]
    private static partial void LogAlreadyRunning(ILogger logger);

    [LoggerMessage(EventId = 912, Level = LogLevel.Information, Message = "First run: installing Azurite (npm ci), which takes about a minute")]
    private static partial void LogInstalling(ILogger logger);

    [LoggerMessage(EventId = 911, Level = LogLevel.Information, Message = "Started Azurite with data in {DataDirectory}")]
    private static partial void LogStarted(ILogger logger, string dataDirectory);
}
