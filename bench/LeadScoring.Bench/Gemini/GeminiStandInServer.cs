using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LeadScoring.Bench.Gemini;

/// <summary>How the stand-in behaves: answer latency, requests-per-minute quota (0 = none), port (0 = a free one).</summary>
internal sealed record GeminiStandInOptions(TimeSpan Latency, int RequestsPerMinute, int Port = 0);

/// <summary>
/// A local stand-in for Gemini's <c>POST v1beta/models/{model}:generateContent</c> on Kestrel, answering the shapes the
/// real API uses (the same as tests/LeadScoring.Testing's GeminiStandIn): a candidate whose text is the structured
/// answer {intent, confidence, reason} with <c>usageMetadata</c>, 429 RESOURCE_EXHAUSTED with a
/// <c>google.rpc.RetryInfo</c> <c>retryDelay</c> when the quota is spent, 403 without an API key.
/// </summary>
/// <remarks>
/// Unlike the WireMock stand-in (canned replies for tests), this one is built for load: an exact sliding-window quota,
/// a fixed latency on every admitted call, a deterministic intent per prompt, and token counts (about four characters a
/// token, Gemini's rule of thumb) so a run can say what a lead costs.
/// </remarks>
internal sealed class GeminiStandInServer : IAsyncDisposable
{
    private const string ApiKeyHeader = "x-goog-api-key";
    private readonly WebApplication app;
    private readonly RequestQuota quota;
    private readonly TimeSpan latency;

    private GeminiStandInServer(WebApplication app, RequestQuota quota, TimeSpan latency, StandInCounters counters)
    {
        this.app = app;
        this.quota = quota;
        this.latency = latency;
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
            app, new RequestQuota(options.RequestsPerMinute, clock), options.Latency, new StandInCounters(clock));
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
            return Error(404, "NOT_FOUND", $"Method not found: {action}.");
        }

        Counters.Request();
        if (string.IsNullOrWhiteSpace(context.Request.Headers[ApiKeyHeader]))
        {
            Counters.KeyRejected();
            return Error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers. Please use an API key.");
        }

        var request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        if (!quota.TryAdmit(out var retryAfter))
        {
            Counters.QuotaRejected();
            return Quota(retryAfter);
        }

        await Task.Delay(latency, context.RequestAborted);
        var prompt = PromptText(request);
        var answer = Answer(prompt);
        var (promptTokens, answerTokens) = (Tokens(prompt), Tokens(answer));
        Counters.Answer(promptTokens, answerTokens);
        return Json(200, new JsonObject
        {
            ["candidates"] = new JsonArray(new JsonObject
            {
                ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(new JsonObject { ["text"] = answer }) },
                ["finishReason"] = "STOP",
                ["index"] = 0,
            }),
            ["usageMetadata"] = new JsonObject
            {
                ["promptTokenCount"] = promptTokens,
                ["candidatesTokenCount"] = answerTokens,
                ["totalTokenCount"] = promptTokens + answerTokens,
            },
            ["modelVersion"] = "gemini-bench-stand-in",
            ["responseId"] = "bench-" + Counters.Requests.ToString(CultureInfo.InvariantCulture),
        });
    }

    // The same prompt always gets the same intent: about a quarter High, 45% Medium, 30% Low.
    private static string Answer(string prompt)
    {
        var hash = Fnv1a(prompt);
        var bucket = hash % 100;
        var intent = bucket < 25 ? "High" : bucket < 70 ? "Medium" : "Low";
        var confidence = 0.5 + (hash / 100 % 50) / 100.0;
        return new JsonObject
        {
            ["intent"] = intent,
            ["confidence"] = Math.Round(confidence, 2),
            ["reason"] = $"Stand-in judgement: {intent.ToLowerInvariant()} intent from the role, industry and bio.",
        }.ToJsonString();
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

    private static IResult Quota(TimeSpan retryAfter)
    {
        // Gemini writes the delay as a protobuf Duration in whole seconds ("13s"); round up so a client that honours it
        // is admitted on its retry.
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return Error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", new JsonArray(
            new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.QuotaFailure",
                ["violations"] = new JsonArray(new JsonObject
                {
                    ["quotaMetric"] = "generativelanguage.googleapis.com/generate_content_requests",
                    ["quotaId"] = "GenerateRequestsPerMinutePerProjectPerModel",
                }),
            },
            new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.RetryInfo",
                ["retryDelay"] = seconds.ToString(CultureInfo.InvariantCulture) + "s",
            }));
    }

    private static IResult Error(int status, string code, string message, JsonArray? details = null) => Json(status, new JsonObject
    {
        ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = code, ["details"] = details ?? [] },
    });

    private static IResult Json(int status, JsonObject body) =>
        Results.Text(body.ToJsonString(), "application/json; charset=UTF-8", Encoding.UTF8, status);
}
