using System.Diagnostics;

namespace LeadScoring.Bench.Machine;

/// <summary>
/// Measures one phase: wall time, CPU used by the host and by Azurite (each as a share of one core), the machine's
/// other load, and the host's resident memory (sampled every 100 ms, plus the kernel's peak after a reset).
/// </summary>
/// <remarks>
/// The CPU shares answer "ours or Azurite's": Azurite runs on one Node.js thread, so a phase with Azurite near 100% of
/// a core is bound by Azurite; the host near its share of the 2 cores is bound by our code; neither means waiting.
/// </remarks>
internal sealed class PhaseMeter : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);
    private readonly string name;
    private readonly int? hostPid;
    private readonly IReadOnlyList<int> azuritePids;
    private readonly long started;
    private readonly TimeSpan hostCpuBefore;
    private readonly TimeSpan azuriteCpuBefore;
    private readonly (TimeSpan Busy, TimeSpan Total) machineBefore;
    private readonly long hostRssBefore;
    private readonly CancellationTokenSource stop = new();
    private readonly Task<long> sampling;

    private PhaseMeter(string name, int? hostPid, IReadOnlyList<int> azuritePids)
    {
        this.name = name;
        this.hostPid = hostPid;
        this.azuritePids = azuritePids;
        hostCpuBefore = Cpu(hostPid);
        azuriteCpuBefore = Cpu(azuritePids);
        machineBefore = ProcFs.MachineCpu();
        hostRssBefore = hostPid is { } pid ? ProcFs.StatusBytes(pid, "VmRSS") ?? 0 : 0;
        if (hostPid is { } reset) ProcFs.ResetPeakRss(reset);
        started = Stopwatch.GetTimestamp();
        sampling = SampleAsync(stop.Token);
    }

    public static PhaseMeter Start(string name, int? hostPid, IReadOnlyList<int> azuritePids) => new(name, hostPid, azuritePids);

    public async Task<PhaseMeasurement> StopAsync()
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        await stop.CancelAsync();
        var sampledPeak = await sampling;
        var machine = ProcFs.MachineCpu();
        var (hostCpu, azuriteCpu) = (Cpu(hostPid) - hostCpuBefore, Cpu(azuritePids) - azuriteCpuBefore);
        var kernelPeak = hostPid is { } pid ? ProcFs.StatusBytes(pid, "VmHWM") ?? 0 : 0;
        var machineBusy = machine.Busy - machineBefore.Busy;
        return new PhaseMeasurement(
            name,
            elapsed,
            hostCpu,
            azuriteCpu,
            // Everything else on the machine (other engineers' builds, this harness), in cores.
            Math.Max(0, (machineBusy - hostCpu - azuriteCpu) / elapsed),
            hostRssBefore,
            Math.Max(sampledPeak, kernelPeak));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }

    private async Task<long> SampleAsync(CancellationToken cancellationToken)
    {
        var peak = hostRssBefore;
        if (hostPid is not { } pid) return peak;
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            do
            {
                peak = Math.Max(peak, ProcFs.StatusBytes(pid, "VmRSS") ?? 0);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // Stopped: the phase is over.
        }

        return peak;
    }

    private static TimeSpan Cpu(int? pid) => pid is { } id ? ProcFs.CpuTime(id) ?? TimeSpan.Zero : TimeSpan.Zero;

    private static TimeSpan Cpu(IReadOnlyList<int> pids) => pids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + Cpu(pid));
}

/// <summary>One measured phase. CPU shares are in cores (1.0 = one core busy for the whole phase).</summary>
internal sealed record PhaseMeasurement(
    string Name,
    TimeSpan Elapsed,
    TimeSpan HostCpu,
    TimeSpan AzuriteCpu,
    double OtherCores,
    long HostRssBefore,
    long HostPeakRss)
{
    public double HostCores => HostCpu / Elapsed;
    public double AzuriteCores => AzuriteCpu / Elapsed;
    public long HostRssGrowth => Math.Max(0, HostPeakRss - HostRssBefore);
}
