using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace LeadScoring.Azurite;

/// <summary>
/// Azurite (the repo's npm dependency) as a child process: telemetry off, API version check off (the SDK sends
/// versions newer than Azurite knows), bound to 127.0.0.1. Installs it with <c>npm ci</c> once if node_modules is
/// missing, so a fresh clone works; waits until its ports accept connections; kills the process tree on dispose.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 40;
    private readonly Process process;
    private readonly IReadOnlyDictionary<string, string> keys;
    private readonly Queue<string> output;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort, IReadOnlyDictionary<string, string> keys, Queue<string> output)
    {
        this.process = process;
        this.keys = keys;
        this.output = output;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public int ProcessId => process.Id;

    /// <summary>Whether Azurite is installed in the repository's node_modules (else the first start runs <c>npm ci</c>).</summary>
    public static bool IsInstalled(string? repositoryRoot = null) => File.Exists(ScriptPath(repositoryRoot ?? FindRepositoryRoot()));

    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions options, CancellationToken cancellationToken)
    {
        var root = options.RepositoryRoot ?? FindRepositoryRoot();
        var script = ScriptPath(root);
        await EnsureInstalledAsync(root, script, options, cancellationToken);

        var (blobPort, queuePort, tablePort) = (Port(options.BlobPort), Port(options.QueuePort), Port(options.TablePort));
        var accounts = options.Accounts.Count == 0 ? [] : new[] { AzuriteAccount.DevelopmentStorage }.Concat(options.Accounts).ToList();
        var start = new ProcessStartInfo(options.NodeExecutable)
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in Arguments(script, options, blobPort, queuePort, tablePort)) start.ArgumentList.Add(argument);
        // Azurite disables devstoreaccount1 when AZURITE_ACCOUNTS is set, so the list always includes it.
        if (accounts.Count > 0) start.Environment["AZURITE_ACCOUNTS"] = string.Join(";", accounts.Select(a => $"{a.Name}:{a.Key}"));

        var output = new Queue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{options.NodeExecutable}'.");
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var keys = new[] { AzuriteAccount.DevelopmentStorage }.Concat(options.Accounts).DistinctBy(a => a.Name).ToDictionary(a => a.Name, a => a.Key);
        var azurite = new AzuriteProcess(process, blobPort, queuePort, tablePort, keys, output);
        try
        {
            await azurite.WaitUntilListeningAsync(root, options.StartupTimeout, cancellationToken);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection string with explicit endpoints (http://127.0.0.1:port/account) for one of the accounts.</summary>
    public string ConnectionString(string account = "devstoreaccount1")
    {
        if (!keys.TryGetValue(account, out var key)) throw new ArgumentException($"Azurite was not started with account '{account}'.", nameof(account));
        return $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={key};"
            + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{account};"
            + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{account};"
            + $"TableEndpoint=http://127.0.0.1:{TablePort}/{account};";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // The process had already exited and been reaped.
        }
        catch (OperationCanceledException)
        {
            // It did not exit in time after the kill; nothing more we can do.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Walks up from the app folder (and then the working directory) to the folder holding LeadScoring.sln.</summary>
    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "LeadScoring.sln"))) return folder.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (the folder with LeadScoring.sln) above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> Arguments(string script, AzuriteOptions options, int blobPort, int queuePort, int tablePort)
    {
        yield return script;
        yield return "--silent";
        yield return "--skipApiVersionCheck";
        yield return "--disableTelemetry";
        if (options.Loose) yield return "--loose";
        foreach (var (service, port) in new[] { ("blob", blobPort), ("queue", queuePort), ("table", tablePort) })
        {
            yield return $"--{service}Host";
            yield return "127.0.0.1";
            yield return $"--{service}Port";
            yield return port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (options.InMemory)
        {
            yield return "--inMemoryPersistence";
        }
        else
        {
            var location = options.Location ?? throw new InvalidOperationException("AzuriteOptions.Location is required unless InMemory is set.");
            Directory.CreateDirectory(location);
            yield return "--location";
            yield return location;
        }
    }

    private async Task WaitUntilListeningAsync(string root, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!(await AcceptsAsync(BlobPort, deadline.Token) && await AcceptsAsync(QueuePort, deadline.Token) && await AcceptsAsync(TablePort, deadline.Token)))
            {
                if (process.HasExited) throw new InvalidOperationException(Failure(root, $"Azurite exited with code {process.ExitCode}"));
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(Failure(root, $"Azurite did not listen on ports {BlobPort}/{QueuePort}/{TablePort} within {timeout.TotalSeconds:0} s"));
        }
    }

    private string Failure(string root, string what)
    {
        string[] lines;
        lock (output) lines = output.ToArray();
        return $"{what}. Is Node.js installed, and did `npm ci` run in {root}? Azurite said:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int Port(int requested)
    {
        if (requested != 0) return requested;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Keep(Queue<string> output, string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > OutputLinesKept) output.Dequeue();
        }
    }

    private static string ScriptPath(string root) => Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");

    /// <summary>Runs <c>npm ci</c> (locked: several test processes may start at once) when Azurite is not installed yet.</summary>
    private static async Task EnsureInstalledAsync(string root, string script, AzuriteOptions options, CancellationToken cancellationToken)
    {
        if (File.Exists(script)) return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.InstallTimeout);
        await using var installLock = await AcquireLockAsync(root, timeout.Token);
        if (File.Exists(script)) return;

        var npm = new ProcessStartInfo("npm") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" }) npm.ArgumentList.Add(argument);
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm: install Node.js and npm.");
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 || !File.Exists(script))
        {
            throw new InvalidOperationException(
                $"`npm ci --no-audit --no-fund` in {root} failed (exit {process.ExitCode}); Azurite is needed for local runs and tests.{Environment.NewLine}"
                + await stdout + await stderr);
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string root, CancellationToken cancellationToken)
    {
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"leadscoring-npm-{name}.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }
}
