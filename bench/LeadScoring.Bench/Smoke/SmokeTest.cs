using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LeadScoring.Bench.EndToEnd;
using LeadScoring.Bench.Gemini;

namespace LeadScoring.Bench.Smoke;

/// <summary>
/// The quick form of the harness for CI: the whole pipeline at 1,000 leads with the AI off, a small AI-mode run through
/// the stand-in, and a run where the stand-in's quota is far below the host's, so quota fallbacks must happen and be
/// counted. It checks that no lead is lost or duplicated, never how fast anything is. Ends with "N passed, N failed".
/// </summary>
internal sealed class SmokeTest(string repositoryRoot, string workDirectory, TextWriter output)
{
    private readonly List<(string Check, bool Passed, string Seen)> checks = [];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await CheckStandInAsync(cancellationToken);

        var pipeline = new PipelineRun(repositoryRoot, workDirectory, output);
        await RunAsync("1,000 leads, AI off", pipeline, new PipelineOptions(1000, Ai: false, 600, TimeSpan.FromMilliseconds(300), 0, 0), _ => [], cancellationToken);
        await RunAsync("120 leads, AI (300 ms, 600 RPM)", pipeline, new PipelineOptions(120, Ai: true, 600, TimeSpan.FromMilliseconds(300), 0, 0),
            r =>
            [
                ("every lead scored by the AI, no 429", r.AiScored == r.Upload.Inserted && r.Gemini.QuotaRejections == 0,
                    $"{r.AiScored} AI of {r.Upload.Inserted}, {r.Gemini.QuotaRejections} 429s, {r.Gemini.TotalTokens} tokens"),
                ("leads share calls (at most one call per four leads), and the run counts the calls the stand-in saw",
                    r.Gemini.Requests <= r.Upload.Inserted / 4 && r.Status.Ai?.Calls == r.Gemini.Requests,
                    $"{r.Gemini.Requests} calls for {r.Upload.Inserted} leads, run says {r.Status.Ai?.Calls}"),
            ],
            cancellationToken);

        // The stand-in's daily quota is two calls: the third is a per-day 429, the breaker opens, and every lead left
        // falls back at once as ai_quota_daily, with no further call.
        await RunAsync("120 leads, AI with the daily quota spent after 2 calls", pipeline,
            new PipelineOptions(120, Ai: true, 600, TimeSpan.FromMilliseconds(50), 0, 0, RequestsPerDay: 2, Label: "daily quota"),
            r => [("per-day 429s only from calls in flight, then no call; every other lead falls back as ai_quota_daily",
                // Calls already in flight when the first per-day 429 came (up to Gemini:MaxConcurrency, 8) meet one too;
                // nothing after them calls.
                r.Gemini.DailyQuotaRejections is >= 1 and <= 8 && r.Gemini.Requests == 2 + r.Gemini.DailyQuotaRejections && r.AiScored + r.Results.CountReason("ai_quota_daily") == r.Upload.Inserted,
                $"{r.Gemini.Requests} calls, {r.Gemini.DailyQuotaRejections} per-day 429s, {r.AiScored} AI, {r.Results.CountReason("ai_quota_daily")} ai_quota_daily")],
            cancellationToken);

        // One lead per call, and the host may send 600 a minute but the stand-in admits 20: the rest are 429s whose
        // retryDelay exceeds the host's 5 s bound, so those leads fall back at once as ai_quota.
        var pressure = new PipelineOptions(60, Ai: true, 20, TimeSpan.FromMilliseconds(50), 0, 0, new Dictionary<string, string>
        {
            ["Gemini__LeadsPerCall"] = "1",
            ["Gemini__RequestsPerMinute"] = "600",
            ["Gemini__TimeoutSeconds"] = "5",
            ["Gemini__TotalTimeoutSeconds"] = "5",
        });
        await RunAsync("60 leads, AI over quota (stand-in 20 RPM)", pipeline, pressure,
            r => [("quota fallbacks happen and account for every non-AI lead",
                r.QuotaFallbacks > 0 && r.Gemini.QuotaRejections > 0 && r.AiScored + r.QuotaFallbacks == r.Upload.Inserted,
                $"{r.AiScored} AI, {r.QuotaFallbacks} ai_quota, {r.Gemini.QuotaRejections} 429s")],
            cancellationToken);

        foreach (var (check, passed, seen) in checks) output.WriteLine($"{(passed ? "PASS" : "FAIL")}  {check}  ({seen})");
        var failed = checks.Count(c => !c.Passed);
        output.WriteLine($"{checks.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private async Task RunAsync(
        string name,
        PipelineRun pipeline,
        PipelineOptions options,
        Func<PipelineResult, IEnumerable<(string, bool, string)>> extra,
        CancellationToken cancellationToken)
    {
        try
        {
            var result = await pipeline.RunAsync(options, cancellationToken);
            foreach (var (check, passed, seen) in result.IntegrityChecks().Concat(extra(result))) checks.Add(($"[{name}] {check}", passed, seen));
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException or IOException)
        {
            checks.Add(($"[{name}] pipeline runs", false, e.Message));
        }
    }

    /// <summary>The stand-in itself: answers until its quota is spent, then 429 RESOURCE_EXHAUSTED with a RetryInfo delay.</summary>
    private async Task CheckStandInAsync(CancellationToken cancellationToken)
    {
        await using var standIn = await GeminiStandInServer.StartAsync(new GeminiStandInOptions(TimeSpan.Zero, RequestsPerMinute: 3), cancellationToken);
        using var http = new HttpClient { BaseAddress = standIn.Endpoint };
        var statuses = new List<HttpStatusCode>();
        var lastBody = "";
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1beta/models/bench:generateContent")
            {
                Content = new StringContent("""{"contents":[{"role":"user","parts":[{"text":"CEO at Acme, SaaS"}]}]}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-goog-api-key", "bench-dummy-key");
            using var response = await http.SendAsync(request, cancellationToken);
            statuses.Add(response.StatusCode);
            lastBody = await response.Content.ReadAsStringAsync(cancellationToken);
        }

        var retryDelay = (JsonNode.Parse(lastBody)?["error"]?["details"] as JsonArray)?
            .FirstOrDefault(d => d?["@type"]?.GetValue<string>() == "type.googleapis.com/google.rpc.RetryInfo")?["retryDelay"]?.GetValue<string>();
        checks.Add(("[stand-in] answers 3 calls, then 429 RESOURCE_EXHAUSTED with RetryInfo.retryDelay",
            statuses.Take(3).All(s => s == HttpStatusCode.OK) && statuses[3] == HttpStatusCode.TooManyRequests && retryDelay is not null
                && standIn.Counters.QuotaRejections == 1 && standIn.Counters.TotalTokensPositive(),
            $"{string.Join(",", statuses.Select(s => (int)s))}, retryDelay {retryDelay ?? "missing"}"));
    }
}
