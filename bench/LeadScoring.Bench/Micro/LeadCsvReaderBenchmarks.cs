using BenchmarkDotNet.Attributes;
using LeadScoring.Bench.Leads;
using LeadScoring.Scoring.Csv;

namespace LeadScoring.Bench.Micro;

/// <summary>The streaming CSV reader over a generated 10,000-lead file held in memory.</summary>
[MemoryDiagnoser]
public class LeadCsvReaderBenchmarks
{
    private const int Leads = 10_000;
    private readonly LeadCsvReader reader = new();
    private byte[] csv = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(Path.GetTempPath(), $"leadscoring-bench-{Environment.ProcessId}.csv");
        new LeadGenerator().Write(path, Leads);
        csv = File.ReadAllBytes(path);
        File.Delete(path);
    }

    // Per valid lead; the file's ~1% rejected rows and blank lines are read too.
    [Benchmark(OperationsPerInvoke = Leads, Description = "LeadCsvReader, 10,000-lead file (per lead)")]
    public async Task<int> ReadAll()
    {
        using var stream = new MemoryStream(csv, writable: false);
        await using var file = await reader.OpenAsync(stream, CancellationToken.None);
        var count = 0;
        await foreach (var row in file.ReadRowsAsync(CancellationToken.None)) count += row.Lead is null ? 0 : 1;
        return count;
    }
}
