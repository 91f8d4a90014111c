using System.Diagnostics;
using System.Globalization;
using LeadScoring.Bench.Gemini;
using LeadScoring.Bench.Leads;
using LeadScoring.Bench.Machine;
using LeadScoring.Bench.Storage;

using LeadScoring.Testing;

namespace LeadScoring.Bench.EndToEnd;

/// <summary>How one end-to-end run is set up.</summary>
/// <param name="Leads">Valid leads in the generated file (the rejected rows come on top).</param>
/// <param name="Ai">AI mode: the host gets a (dummy) key and calls the stand-in; otherwise no key, so every lead falls back.</param>
/// <param name="QuotaPerMinute">The stand-in's quota; also the host's <c>Gemini:RequestsPerMinute</c> unless overridden.</param>
/// <param name="Latency">The stand-in's answer time.</param>
/// <param name="RawEntities">Entities for the raw insert and query loops (0 = skip the raw limit).</param>
/// <param name="RawMessages">Messages and upserts for the raw per-lead loops.</param>
/// <param name="HostSettings">Extra host settings, e.g. Gemini__TotalTimeoutSeconds.</param>
/// <param name="UploadOnly">Stop after <c>POST /score</c>: measure upload, memory and the POST, not scoring (see bench/findings.md).</param>
/// <param name="RequestsPerDay">The stand-in's daily quota (0 = none): past it, every call is a per-day 429.</param>
/// <param name="Label">What a run is for, in the report ("600 RPM", "one lead per call", "sample 2", ...).</param>
/// <param name="ShortRows">Leads without bios (about 90 bytes a row), so a million of them fit the 100 MB upload limit.</param>
internal sealed record PipelineOptions(
    int Leads,
    bool Ai,
    int QuotaPerMinute,
    TimeSpan Latency,
    int RawEntities,
    int RawMessages,
    IReadOnlyDictionary<string, string>? HostSettings = null,
    bool UploadOnly = false,
    int RequestsPerDay = 0,
    string? Label = null,
    bool ShortRows = false)
{
    public string Mode => (UploadOnly ? "upload only" : Ai ? "AI" : "AI off") + (Label is null ? "" : ", " + Label) + (ShortRows ? ", short rows" : "");
}

/// <summary>
/// One end-to-end run on a fresh Azurite: the raw storage limit first, then the real local host as a child process
/// (with the Gemini stand-in), driven over HTTP through upload, scoring, paged results and export.
/// </summary>
internal sealed class PipelineRun(string repositoryRoot, string workDirectory, TextWriter progress)
{
    private const int ResultsPageSize = 1000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<PipelineResult> RunAsync(PipelineOptions options, CancellationToken cancellationToken)
    {
        var label = $"{options.Leads.ToString("N0", CultureInfo.InvariantCulture)} leads, {options.Mode}";
        var file = GeneratedFile(options.Leads, options.ShortRows);

        Say($"[{label}] starting Azurite");
        await using var azurite = await BenchStorage.StartAsync(
            repositoryRoot, Path.Combine(workDirectory, "azurite-queues-" + options.Leads.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        RawStorageRates? raw = null;
        if (options.RawEntities > 0)
        {
            Say($"[{label}] raw storage loops: {options.RawEntities:N0} entities, {options.RawMessages:N0} messages");
            raw = await new RawStorageBench(azurite.ConnectionString(), azurite.ProcessIds).RunAsync(options.RawEntities, options.RawMessages, cancellationToken);
        }

        await using var standIn = await GeminiStandInServer.StartAsync(
            new GeminiStandInOptions(options.Latency, options.QuotaPerMinute, RequestsPerDay: options.RequestsPerDay), cancellationToken);
        var logPath = Path.Combine(workDirectory, $"host-{options.Leads}-{(options.Ai ? "ai" : "ai-off")}{Slug(options.Label)}.log");
        Say($"[{label}] starting the local host (log: {logPath})");
        await using var host = await LocalHostProcess.StartAsync(repositoryRoot, HostSettings(options, azurite, standIn), logPath, cancellationToken);
        using var api = new LeadScoringApi(host.BaseAddress);
        var (hostPid, azuritePid) = (host.ProcessId, azurite.ProcessIds);
        var idleRss = ProcFs.StatusBytes(hostPid, "VmRSS") ?? 0;

        var offerId = await api.CreateOfferAsync(cancellationToken);

        Say($"[{label}] upload ({file.Bytes / 1024.0 / 1024:0.0} MB)");
        var beforeUpload = await api.GetStorageRequestsAsync(cancellationToken);
        await using var uploadMeter = PhaseMeter.Start("upload", hostPid, azuritePid);
        var upload = await api.UploadAsync(file.Path, cancellationToken);
        var uploadPhase = await uploadMeter.StopAsync();

        Say($"[{label}] POST /score");
        var requestsBefore = await api.GetStorageRequestsAsync(cancellationToken);
        var uploadRequests = Delta(beforeUpload, requestsBefore);
        await using var scoringMeter = PhaseMeter.Start("scoring", hostPid, azuritePid);
        var postedAt = DateTimeOffset.UtcNow;
        var postStarted = Stopwatch.GetTimestamp();
        var run = await api.StartScoringAsync(offerId, cancellationToken);
        var postElapsed = Stopwatch.GetElapsedTime(postStarted);
        if (options.UploadOnly)
        {
            var partial = new PipelineResult(
                options, file, raw, idleRss, upload, uploadPhase, run, postElapsed, await api.GetRunAsync(run.RunId, cancellationToken), false,
                await scoringMeter.StopAsync(), new ResultTally(), null, 0, 0, null, standIn.Counters.Snapshot(), ProcFs.StatusBytes(hostPid, "VmHWM") ?? 0);
            Say($"[{label}] done: upload {partial.UploadPerSecond:0} leads/s, POST /score {postElapsed.TotalMilliseconds:0} ms (scoring not awaited)");
            return partial;
        }

        var status = await WaitUntilDoneAsync(api, run, ScoringTimeout(options), label, cancellationToken);
        var doneSeenAt = DateTimeOffset.UtcNow;
        var scoringPhase = await scoringMeter.StopAsync();
        var requestsAfter = await api.GetStorageRequestsAsync(cancellationToken);

        Say($"[{label}] GET /results (pages of {ResultsPageSize})");
        await using var resultsMeter = PhaseMeter.Start("results", hostPid, azuritePid);
        var results = await api.ReadResultsAsync(offerId, ResultsPageSize, cancellationToken);
        var resultsPhase = await resultsMeter.StopAsync();

        Say($"[{label}] GET /results/export");
        await using var exportMeter = PhaseMeter.Start("export", hostPid, azuritePid);
        var (exportRows, exportBytes) = await api.ExportAsync(offerId, cancellationToken);
        var exportPhase = await exportMeter.StopAsync();

        var peakRss = ProcFs.StatusBytes(hostPid, "VmHWM") ?? 0;
        var result = new PipelineResult(
            options, file, raw, idleRss, upload, uploadPhase, run, postElapsed, status.Status, status.TimedOut, scoringPhase,
            results, resultsPhase, exportRows, exportBytes, exportPhase, standIn.Counters.Snapshot(), peakRss)
        {
            PostedAt = postedAt,
            DoneSeenAt = doneSeenAt,
            // What scoring asked of storage: from before the POST until the run was seen done (its status polls included).
            StorageRequests = Delta(requestsBefore, requestsAfter),
            UploadStorageRequests = uploadRequests,
        };
        Say($"[{label}] done: {result.Summary()}");
        return result;
    }

    /// <summary>The leads file for a size, generated once per work directory (the seed is fixed, so it is always the same).</summary>
    public GeneratedLeads GeneratedFile(int leads, bool shortRows = false)
    {
        var path = Path.Combine(workDirectory, $"leads-{leads.ToString(CultureInfo.InvariantCulture)}{(shortRows ? "-short" : "")}.csv");
        return new LeadGenerator().Write(path, leads, bios: !shortRows);
    }

    private static Dictionary<string, string> HostSettings(PipelineOptions options, BenchStorage azurite, GeminiStandInServer standIn)
    {
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString(),
            ["Gemini__Endpoint"] = standIn.Endpoint.AbsoluteUri,
            // Blank in AI-off mode overrides any key in a developer's local.settings.json: no key means the rule fallback.
            ["GEMINI_API_KEY"] = options.Ai ? "bench-dummy-key" : "",
            ["Gemini__ApiKey"] = "",
            ["Gemini__RequestsPerMinute"] = options.QuotaPerMinute.ToString(CultureInfo.InvariantCulture),
            // Per-request logging would measure the console, not the service.
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (key, value) in options.HostSettings ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }

    // Generous bounds: a run that needs them is broken, and the report says it timed out instead of hanging.
    private static TimeSpan ScoringTimeout(PipelineOptions options) => options.Ai
        ? TimeSpan.FromMinutes(10 + 2.0 * options.Leads / Math.Max(1, options.QuotaPerMinute))
        : TimeSpan.FromMinutes(10 + options.Leads / 1000.0);

    private async Task<(RunStatusReply Status, bool TimedOut)> WaitUntilDoneAsync(
        LeadScoringApi api, RunStartedReply run, TimeSpan timeout, string label, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        while (true)
        {
            var status = await api.GetRunAsync(run.RunId, cancellationToken);
            if (status.Done) return (status, false);
            if (Stopwatch.GetElapsedTime(started) > timeout) return (status, true);
            if (Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(30))
            {
                Say($"[{label}] scoring: {status.Scored:N0} scored, {status.Failed:N0} failed of {status.Queued:N0}");
                lastReport = Stopwatch.GetTimestamp();
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static Dictionary<string, long> Delta(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.ToDictionary(pair => pair.Key, pair => pair.Value - before.GetValueOrDefault(pair.Key));

    private void Say(string line) => progress.WriteLine(line);

    private static string Slug(string? label) =>
        label is null ? "" : "-" + new string([.. label.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-')]).Trim('-');
}
