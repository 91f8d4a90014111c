using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LeadScoring.Bench.Report;

/// <summary>What machine a report was measured on, read at the start of the run.</summary>
internal sealed record MachineDescription(
    int Cores, string Cpu, long MemoryBytes, string Os, string Kernel, string DotNet, string Node, string Azurite, string LoadAverage)
{
    public static MachineDescription Read(string repositoryRoot) => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        long.Parse(FirstValue("/proc/meminfo", "MemTotal")?.Split(' ')[0] ?? "0", CultureInfo.InvariantCulture) * 1024,
        OsName(),
        File.Exists("/proc/sys/kernel/osrelease") ? "Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        Command("node", "--version"),
        AzuriteVersion(repositoryRoot),
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a");

    private static string? FirstValue(string path, string key) => File.Exists(path)
        ? File.ReadLines(path).Where(line => line.StartsWith(key, StringComparison.Ordinal)).Select(line => line[(line.IndexOf(':') + 1)..].Trim()).FirstOrDefault()
        : null;

    private static string OsName() =>
        File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? "Linux"
            : RuntimeInformation.OSDescription;

    private static string AzuriteVersion(string repositoryRoot)
    {
        var package = Path.Combine(repositoryRoot, "node_modules", "azurite", "package.json");
        if (!File.Exists(package)) return "not installed";
        using var json = JsonDocument.Parse(File.ReadAllText(package));
        return "azurite " + json.RootElement.GetProperty("version").GetString() + " (tables in memory, queues on disk)";
    }

    private static string Command(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false });
            var output = process?.StandardOutput.ReadToEnd().Trim() ?? "";
            process?.WaitForExit();
            return file + " " + output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return file + " not found";
        }
    }
}
