using System.Diagnostics;
using LeadScoring.Azurite;

namespace LeadScoring.Functions.Tests.Reliability;

/// <summary>
/// An Azurite of its own with data on disk (a temp folder), which a test can stop and start again on the same
/// ports: what a storage outage looks like to the service. Stopping is graceful (SIGTERM), as a storage service
/// keeps what it acknowledged; Azurite saves its data every 5 s, so a kill would lose acknowledged writes.
/// </summary>
internal sealed class OnDiskAzurite : IAsyncDisposable
{
    private readonly string location = Path.Combine(Path.GetTempPath(), "leadscoring-outage-" + Guid.NewGuid().ToString("N"));
    private AzuriteProcess? azurite;
    private (int Blob, int Queue, int Table) ports;

    public string ConnectionString => (azurite ?? throw new InvalidOperationException("Azurite is stopped.")).ConnectionString();

    public static async Task<OnDiskAzurite> StartAsync(CancellationToken cancellationToken)
    {
        var storage = new OnDiskAzurite();
        await storage.StartAgainAsync(cancellationToken);
        return storage;
    }

    /// <summary>Starts Azurite on the ports (and with the data) it had, or on free ports the first time.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        azurite = await AzuriteProcess.StartAsync(
            new AzuriteOptions { InMemory = false, Location = location, BlobPort = ports.Blob, QueuePort = ports.Queue, TablePort = ports.Table },
            cancellationToken);
        ports = (azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
    }

    /// <summary>Asks Azurite to shut down (it closes its servers and saves its data) and waits until it has exited.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var running = azurite ?? throw new InvalidOperationException("Azurite is already stopped.");
        using var process = Process.GetProcessById(running.ProcessId);
        // The shell's own kill: .NET can only send SIGKILL, and /usr/bin/kill is not on every machine.
        using (var kill = Process.Start("sh", ["-c", "kill -TERM \"$1\"", "sh", running.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
            if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {running.ProcessId} failed with exit code {kill.ExitCode}.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        await running.DisposeAsync();
        azurite = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (azurite is not null) await azurite.DisposeAsync();
        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
