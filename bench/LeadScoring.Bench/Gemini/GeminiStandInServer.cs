using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using LeadScoring.Testing;

namespace LeadScoring.Bench.Gemini;

/// <summary>
/// How the stand-in behaves: answer latency, requests-per-minute quota (0 = none), port (0 = a free one), and a daily
/// quota (0 = none): after that many answered requests every call is a per-day 429, as a spent free tier answers.
/// </summary>
internal sealed record GeminiStandInOptions(TimeSpan Latency, int RequestsPerMinute, int Port = 0, int RequestsPerDay = 0);

/// <summary>
/// A local stand-in for Gemini's <c>POST v1beta/models/{model}:generateContent</c> on Kestrel, answering the shapes the
/// real API uses, from the same <see cref="GeminiBodies"/> as tests/LeadScoring.Testing's GeminiStandIn: a candidate whose text is the structured
/// answer {"leads": [{lead_id, intent, confidence, reason}]}, one entry per prospect of the prompt, with
/// <c>usageMetadata</c>; 429 RESOURCE_EXHAUSTED with a per-minute or per-day <c>google.rpc.QuotaFailure</c> and a
/// <c>google.rpc.RetryInfo</c> <c>retryDelay</c> when a quota is spent; 403 without an API key.
/// </summary>
/// <remarks>
/// Unlike the WireMock stand-in (canned replies for tests), this one is built for load: an exact sliding-window quota,
/// a fixed latency on every admitted call, a deterministic intent per prospect (from its own fields, so one lead gets
/// the same intent alone or in a batch of twenty, and whatever its lead id), and token counts (about four characters a token, Gemini's rule of
/// thumb) so a run can say what a lead costs.
/// </remarks>
internal sealed class GeminiStandInServer : IAsyncDisposable
{
    private const string ApiKeyHeader = "x-goog-api-key";
    private readonly WebApplication app;
    private readonly RequestQuota quota;
    private readonly TimeSpan latency;
    private readonly int requestsPerDay;

    private GeminiStandInServer(WebApplication app, RequestQuota quota, TimeSpan latency, int requestsPerDay, StandInCounters counters)
    {
        this.app = app;
        this.quota = quota;
        this.latency = latency;
        this.requestsPerDay = requestsPerDay;
        Counters = counters;
    }

    public StandInCounters Counters { get; }

    /// <summary>Base URL for <c>Gemini:Endpoint</c>, with the trailing slash.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public static async Task<GeminiStandInServer> StartAsync(GeminiStandInOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();

        var clock = TimeProvider.System;
        var server = new GeminiStandInServer(
            app, new RequestQuota(options.RequestsPerMinute, clock), options.Latency, options.RequestsPerDay, new StandInCounters(clock));
        app.MapPost("/v1beta/models/{**action}", (HttpContext context, string action) => server.AnswerAsync(context, action));
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> AnswerAsync(HttpContext context, string action)
    {
        if (!action.EndsWith(":generateContent", StringComparison.Ordinal))
        {
            return Json(404, GeminiBodies.Error(404, "NOT_FOUND", $"Method not found: {action}."));
        }

        Counters.Request();
        if (string.IsNullOrWhiteSpace(context.Request.Headers[ApiKeyHeader]))
        {
            Counters.KeyRejected();
            return Json(403, GeminiBodies.PermissionDenied());
        }

        var request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        if (requestsPerDay > 0 && Counters.Answered >= requestsPerDay)
        {
            Counters.DailyQuotaRejected();
            return Quota(TimeSpan.FromSeconds(21), "GenerateRequestsPerDayPerProjectPerModel-FreeTier");
        }

        if (!quota.TryAdmit(out var retryAfter))
        {
            Counters.QuotaRejected();
            return Quota(retryAfter, "GenerateRequestsPerMinutePerProjectPerModel");
        }

        await Task.Delay(latency, context.RequestAborted);
        var prompt = PromptText(request);
        var prospects = Prospects(prompt).ToList();
        var answer = Answer(prospects);
        var (promptTokens, answerTokens) = (Tokens(prompt), Tokens(answer));
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

    // What a model reads as the prospects: the JSON array between the prompt's prospects_data tags.
    private static IEnumerable<JsonObject> Prospects(string prompt)
    {
        var start = prompt.IndexOf("<prospects_data>", StringComparison.Ordinal);
        var end = prompt.IndexOf("</prospects_data>", StringComparison.Ordinal);
        if (start < 0 || end < start) return [];
        return JsonNode.Parse(prompt[(start + "<prospects_data>".Length)..end]) is JsonArray array ? array.OfType<JsonObject>() : [];
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
    private static IResult Quota(TimeSpan retryAfter, string quotaId) => Json(429, GeminiBodies.QuotaExceeded(
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s", "gemini-bench-stand-in", quotaId));

    private static IResult Json(int status, JsonObject body) =>
        Results.Text(body.ToJsonString(), "application/json; charset=UTF-8", Encoding.UTF8, status);
}
