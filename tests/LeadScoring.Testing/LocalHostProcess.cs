using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace LeadScoring.Testing;

/// <summary>
/// The real local host (src/LeadScoring.LocalHost, built with the same configuration as the caller) as a child
/// process, the one way the benchmark and the tests start it as a process: started straight from its dll, so the
/// process id is the host's own (its /proc numbers are the host's, not a `dotnet run` wrapper's), configured by
/// environment variables as app settings are. Its console output goes to a log file. <see cref="StopAsync"/> sends
/// SIGTERM, as a platform stopping an instance does; disposing kills it.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private readonly Process process;
    private readonly StreamWriter log;

    private LocalHostProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    public static async Task<LocalHostProcess> StartAsync(
        string repositoryRoot, IReadOnlyDictionary<string, string> settings, string logPath, CancellationToken cancellationToken)
    {
        var dll = HostDll(repositoryRoot);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" }) start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings) start.Environment[key] = value;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => Write(log, gate, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, gate, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new LocalHostProcess(process, log, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        try
        {
            await host.WaitUntilHealthyAsync(logPath, cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGTERM and waits for the host to exit; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
            if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {process.Id} exited with {kill.ExitCode}.");
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        await process.WaitForExitAsync(bounded.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or did not exit in time after the kill.
        }
        finally
        {
            process.Dispose();
            await log.DisposeAsync();
        }
    }

    /// <summary>The host's dll in its own build output, for the configuration this harness was built with.</summary>
    public static string HostDll(string repositoryRoot)
    {
        var configuration = typeof(LocalHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(repositoryRoot, "src", "LeadScoring.LocalHost", "bin", configuration, "net10.0", "LeadScoring.LocalHost.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"Build the local host first (dotnet build -c {configuration} src/LeadScoring.LocalHost).", dll);
    }

    private async Task WaitUntilHealthyAsync(string logPath, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with code {process.ExitCode} while starting; see {logPath}.");
            }

            try
            {
                using var response = await http.GetAsync("health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A health call that timed out while the host warms up.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new TimeoutException($"The local host did not answer GET /health with 200 within {StartupTimeout.TotalSeconds:0} s; see {logPath}.");
    }

    private static void Write(StreamWriter log, Lock gate, string? line)
    {
        if (line is null) return;
        lock (gate) log.WriteLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
