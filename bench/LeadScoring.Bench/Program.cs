using System.CommandLine;
using LeadScoring.Bench.Gemini;
using LeadScoring.Bench.Leads;

namespace LeadScoring.Bench;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var output = new Option<string>("--output") { Description = "CSV file to write", DefaultValueFactory = _ => "bench/results/leads.csv" };
        var leads = new Option<int>("--leads") { Description = "Valid leads to write", DefaultValueFactory = _ => 1000 };
        var generate = new Command("generate", "Write a generated leads CSV (fixed seed)") { output, leads };
        generate.SetAction(result =>
        {
            var file = new LeadGenerator().Write(result.GetValue(output)!, result.GetValue(leads));
            Console.WriteLine($"{file.Path}: {file.Leads} leads, {file.RejectedLines.Count} rows to reject, {file.Bytes:N0} bytes");
            return 0;
        });

        var latency = new Option<int>("--latency-ms") { DefaultValueFactory = _ => 300 };
        var rpm = new Option<int>("--rpm") { Description = "Quota in requests per minute (0 = none)", DefaultValueFactory = _ => 600 };
        var port = new Option<int>("--port") { DefaultValueFactory = _ => 0 };
        var standIn = new Command("standin", "Serve the Gemini stand-in until Ctrl+C") { latency, rpm, port };
        standIn.SetAction(async (result, cancellationToken) =>
        {
            await using var server = await GeminiStandInServer.StartAsync(
                new GeminiStandInOptions(TimeSpan.FromMilliseconds(result.GetValue(latency)), result.GetValue(rpm), result.GetValue(port)), cancellationToken);
            Console.WriteLine($"Gemini stand-in at {server.Endpoint}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            Console.WriteLine(server.Counters.Snapshot());
            return 0;
        });

        var root = new RootCommand("LeadScoring benchmark harness") { generate, standIn };
        return await root.Parse(args).InvokeAsync();
    }
}
