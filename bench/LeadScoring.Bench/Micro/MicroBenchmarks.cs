using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LeadScoring.Bench.Micro;

/// <summary>Runs the BenchmarkDotNet micro-benchmarks (ShortRun, in-process) and returns one row per benchmark.</summary>
internal static class MicroBenchmarks
{
    public static IReadOnlyList<MicroResult> Run(string artifactsPath)
    {
        // In-process: BenchmarkDotNet would otherwise generate and build a project per benchmark, minutes on 2 cores.
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(artifactsPath)
            .WithOptions(ConfigOptions.JoinSummary);
        var summaries = BenchmarkRunner.Run([typeof(RuleScorerBenchmarks), typeof(LeadCsvReaderBenchmarks)], config);
        return [.. summaries.SelectMany(summary => summary.Reports).Select(ToResult)];
    }

    private static MicroResult ToResult(BenchmarkReport report)
    {
        var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
        var meanNs = report.ResultStatistics?.Mean ?? double.NaN;
        var errorNs = report.ResultStatistics?.ConfidenceInterval.Margin ?? double.NaN;
        var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        return new MicroResult(name, meanNs, errorNs, allocated);
    }
}

/// <summary>One micro-benchmark: mean time per operation (ns), its 99.9% error margin, bytes allocated per operation.</summary>
internal sealed record MicroResult(string Name, double MeanNanoseconds, double ErrorNanoseconds, long? AllocatedBytes)
{
    public double PerSecond => 1e9 / MeanNanoseconds;
}
