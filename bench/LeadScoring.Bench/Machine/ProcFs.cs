using System.Globalization;

namespace LeadScoring.Bench.Machine;

/// <summary>Reads a process's memory and CPU time from Linux's /proc (the host and Azurite are child processes).</summary>
internal static class ProcFs
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat, 100 on every Linux architecture .NET runs on.
    private const double ClockTicksPerSecond = 100;

    /// <summary>A size field of /proc/&lt;pid&gt;/status in bytes (VmRSS, VmHWM), or null when the process is gone.</summary>
    public static long? StatusBytes(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
                var value = line[(field.Length + 1)..].Trim();
                var kilobytes = long.Parse(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
                return kilobytes * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process exited between two reads.
        }

        return null;
    }

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public static TimeSpan? CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Resets VmHWM (peak RSS) to the current RSS, so the next read is the peak of what follows (Linux 4.0+).</summary>
    public static bool ResetPeakRss(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>CPU time used by the whole machine (all processes, all cores) since boot: the sum of /proc/stat's "cpu" line.</summary>
    public static (TimeSpan Busy, TimeSpan Total) MachineCpu()
    {
        var first = File.ReadLines("/proc/stat").First();
        var ticks = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal ...
        var idle = ticks[3] + (ticks.Length > 4 ? ticks[4] : 0);
        var total = ticks.Take(8).Sum();
        return (TimeSpan.FromSeconds((total - idle) / ClockTicksPerSecond), TimeSpan.FromSeconds(total / ClockTicksPerSecond));
    }
}
