using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LeadScoring.Azurite;

namespace LeadScoring.Bench.EndToEnd;

/// <summary>
/// Azurite as the benchmark runs it: tables (and blobs) in memory in one process, queues on disk in another. Each
/// service gets the persistence that does not stall it at 100,000 leads (see bench/findings.md): in memory, Azurite's
/// queue garbage collector is quadratic in the messages sent each minute; on disk, its table store re-saves the whole
/// database as one JSON file every 5 seconds.
/// </summary>
internal sealed class BenchStorage : IAsyncDisposable
{
    private readonly AzuriteProcess tables;
    private readonly Process queues;
    private readonly int queuePort;

    private BenchStorage(AzuriteProcess tables, Process queues, int queuePort) => (this.tables, this.queues, this.queuePort) = (tables, queues, queuePort);

    /// <summary>The Azurite processes, whose CPU is reported together as Azurite's.</summary>
    public IReadOnlyList<int> ProcessIds => [tables.ProcessId, queues.Id];

    /// <summary>devstoreaccount1 with the table and blob endpoints of one process and the queue endpoint of the other.</summary>
    public string ConnectionString() => tables.ConnectionString().Replace(
        $"QueueEndpoint=http://127.0.0.1:{tables.QueuePort}/", $"QueueEndpoint=http://127.0.0.1:{queuePort}/", StringComparison.Ordinal);

    public static async Task<BenchStorage> StartAsync(string repositoryRoot, string queueData, CancellationToken cancellationToken)
    {
        var tables = await AzuriteProcess.StartAsync(new AzuriteOptions { InMemory = true, RepositoryRoot = repositoryRoot }, cancellationToken);
        if (Directory.Exists(queueData)) Directory.Delete(queueData, recursive: true);
        Directory.CreateDirectory(queueData);
        var port = FreePort();
        var start = new ProcessStartInfo("node") { WorkingDirectory = repositoryRoot, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "queue", "main.js"),
            "--silent", "--skipApiVersionCheck", "--disableTelemetry",
            "--queueHost", "127.0.0.1", "--queuePort", port.ToString(CultureInfo.InvariantCulture), "--location", queueData,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var queues = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite's queue service.");
        queues.OutputDataReceived += (_, _) => { };
        queues.ErrorDataReceived += (_, _) => { };
        queues.BeginOutputReadLine();
        queues.BeginErrorReadLine();
        var storage = new BenchStorage(tables, queues, port);
        try
        {
            await storage.WaitForQueuesAsync(cancellationToken);
            return storage;
        }
        catch
        {
            await storage.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!queues.HasExited) queues.Kill(entireProcessTree: true);
        await queues.WaitForExitAsync(CancellationToken.None);
        queues.Dispose();
        await tables.DisposeAsync();
    }

    private async Task WaitForQueuesAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (queues.HasExited) throw new InvalidOperationException($"Azurite's queue service exited with code {queues.ExitCode}.");
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, queuePort, cancellationToken);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
