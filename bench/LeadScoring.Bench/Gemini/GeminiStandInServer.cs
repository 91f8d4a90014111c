using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LeadScoring.Testing;

namespace LeadScoring.Bench.Gemini;

/// <summary>
/// How the stand-in behaves: answer latency, requests-per-minute quota (0 = none), port (0 = a free one), and a daily
/// quota (0 = none): after that many answered requests every call is a per-day 429, as a spent free tier answers.
/// </summary>
internal sealed record GeminiStandInOptions(TimeSpan Latency, int RequestsPerMinute, int Port = 0, int RequestsPerDay = 0);

/// <summary>
/// The benchmark's Gemini: the one stand-in (tests/LeadScoring.Testing's <see cref="GeminiStandIn"/>, which the tests use
/// too) answering by a load policy instead of canned replies: an exact sliding-window requests-per-minute quota, an
/// optional daily quota, a fixed latency on every admitted call, a deterministic intent per prospect (from its own
/// fields, so one lead gets the same intent alone or in a batch of twenty, and whatever its lead id), and token counts
/// (about four characters a token, Gemini's rule of thumb) so a run can say what a lead costs. Shapes: a candidate whose
/// text is the structured answer {"leads": [{lead_id, intent, confidence, reason}]} with <c>usageMetadata</c>; 429
/// RESOURCE_EXHAUSTED with a per-minute or per-day <c>google.rpc.QuotaFailure</c> and a <c>google.rpc.RetryInfo</c>
/// <c>retryDelay</c> when a quota is spent; 403 without an API key.
/// </summary>
internal sealed class GeminiStandInServer : IAsyncDisposable
{
    private readonly GeminiStandIn standIn;
    private readonly RequestQuota quota;
    private readonly TimeSpan latency;
    private readonly int requestsPerDay;

    private GeminiStandInServer(GeminiStandInOptions options, TimeProvider clock)
    {
        quota = new RequestQuota(options.RequestsPerMinute, clock);
        latency = options.Latency;
        requestsPerDay = options.RequestsPerDay;
        Counters = new StandInCounters(clock);
        standIn = GeminiStandIn.OnPort(options.Port);
        standIn.AnswerWith(AnswerAsync);
    }

    public StandInCounters Counters { get; }

    /// <summary>Base URL for <c>Gemini:Endpoint</c>, with the trailing slash.</summary>
    public Uri Endpoint => standIn.Endpoint;

    public static Task<GeminiStandInServer> StartAsync(GeminiStandInOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new GeminiStandInServer(options, TimeProvider.System));
    }

    public ValueTask DisposeAsync() => standIn.DisposeAsync();

    private async Task<GeminiReply> AnswerAsync(GeminiStandInRequest request, CancellationToken cancellationToken)
    {
        Counters.Request();
        if (string.IsNullOrWhiteSpace(request.ApiKeyHeader))
        {
            Counters.KeyRejected();
            return Json(403, GeminiBodies.PermissionDenied());
        }

        // Counted when admitted: with several calls in flight, counting answers would let all of them through.
        if (requestsPerDay > 0 && !Counters.TryAdmitToday(requestsPerDay))
        {
            Counters.DailyQuotaRejected();
            return Quota(TimeSpan.FromSeconds(21), "GenerateRequestsPerDayPerProjectPerModel-FreeTier");
        }

        if (!quota.TryAdmit(out var retryAfter))
        {
            Counters.QuotaRejected();
            return Quota(retryAfter, "GenerateRequestsPerMinutePerProjectPerModel");
        }

        using (Counters.InFlight()) await Task.Delay(latency, cancellationToken);
        var prospects = request.Prospects;
        var answer = Answer(prospects);
        var (promptTokens, answerTokens) = (Tokens(PromptText(JsonNode.Parse(request.Body))), Tokens(answer));
        Counters.Answer(promptTokens, answerTokens, prospects.Count);
        return Json(200, GeminiBodies.Response(
            GeminiBodies.AnswerParts(answer, thought: null), "STOP", promptTokens, answerTokens, thoughtTokens: null,
            "gemini-bench-stand-in", "bench-" + Counters.Requests.ToString(CultureInfo.InvariantCulture)));
    }

    // The same prospect always gets the same intent: about a quarter High, 45% Medium, 30% Low.
    private static string Answer(IEnumerable<JsonObject> prospects)
    {
        var leads = new JsonArray();
        foreach (var prospect in prospects)
        {
            // The lead's own fields, not its id: the same person in another upload (another id) gets the same judgement.
            var fields = prospect.DeepClone().AsObject();
            fields.Remove("lead_id");
            var hash = Fnv1a(fields.ToJsonString());
            var bucket = hash % 100;
            var intent = bucket < 25 ? "High" : bucket < 70 ? "Medium" : "Low";
            var confidence = 0.5 + (hash / 100 % 50) / 100.0;
            leads.Add(new JsonObject
            {
                ["lead_id"] = prospect["lead_id"]?.DeepClone(),
                ["intent"] = intent,
                ["confidence"] = Math.Round(confidence, 2),
                ["reason"] = $"Stand-in judgement: {intent.ToLowerInvariant()} intent from the role, industry and bio.",
            });
        }

        return new JsonObject { ["leads"] = leads }.ToJsonString();
    }

    private static string PromptText(JsonNode? request)
    {
        // systemInstruction is one content; contents is a list of them. Both count as prompt tokens.
        var contents = new List<JsonNode?> { request?["systemInstruction"] };
        if (request?["contents"] is JsonArray turns) contents.AddRange(turns);
        var text = new StringBuilder();
        foreach (var content in contents)
        {
            if (content?["parts"] is not JsonArray parts) continue;
            foreach (var part in parts) text.Append(part?["text"]?.GetValue<string>()).Append('\n');
        }

        return text.ToString();
    }

    private static int Tokens(string text) => Math.Max(1, (text.Length + 3) / 4);

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    // Gemini writes the delay as a protobuf Duration in whole seconds ("13s"); round up so a client that honours it is
    // admitted on its retry.
    private static GeminiReply Quota(TimeSpan retryAfter, string quotaId) => Json(429, GeminiBodies.QuotaExceeded(
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s", "gemini-bench-stand-in", quotaId));

    private static GeminiReply Json(int status, JsonObject body) => new(status, body.ToJsonString());
}
