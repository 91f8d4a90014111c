using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Testing;

/// <summary>
/// The one local stand-in for Gemini's <c>POST v1beta/models/{model}:generateContent</c>, for the tests and the
/// benchmark alike: a small Kestrel app on a loopback port answering with <see cref="GeminiBodies"/>' shapes. By
/// default <see cref="Reply"/> sets a sequence of answers: the n-th request gets the n-th reply and the last one
/// repeats, so "429 then success" is <c>Reply(Quota("1s"), Intent(...))</c>. <see cref="AnswerWith"/> hands every
/// request to a policy instead (the benchmark's quotas, latency and per-prospect judgements). Any other method of
/// <c>models/</c> is a 404 NOT_FOUND, as Gemini answers it. Start one per test class (a class fixture) and
/// <see cref="Reset"/> it per test.
/// </summary>
public sealed class GeminiStandIn : IDisposable, IAsyncDisposable
{
    /// <summary>A fake key; tests assert it never shows up in logs, exceptions or results.</summary>
    public const string ApiKey = "AIzaSyStandIn-0123456789-not-a-real-key";

    public const string Model = "gemini-stand-in";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<GeminiStandInRequest> requests = new();
    private volatile GeminiReply[] replies = [];
    private volatile Func<string, GeminiReply?>? byPrompt;
    private volatile Func<JsonObject, GeminiReply?>? byProspect;
    private volatile Func<GeminiStandInRequest, CancellationToken, Task<GeminiReply>>? policy;
    private int count;
    private readonly CancellationTokenSource stopping = new();
    private volatile TaskCompletionSource? held;

    /// <summary>On a free loopback port. The only public constructor: xunit's class fixtures allow one.</summary>
    public GeminiStandIn()
        : this(port: 0)
    {
    }

    /// <param name="port">The loopback port to listen on; 0 for a free one.</param>
    private GeminiStandIn(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Nothing of the test process's configuration (an appsettings.json copied from the local host, say) reaches it.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        app = builder.Build();
        app.MapPost("/v1beta/models/{**action}", AnswerAsync);
        app.Start();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address.TrimEnd('/') + "/");
        Reset();
    }

    /// <summary>On this loopback port (0 for a free one), e.g. for a stand-in a developer points a host at by hand.</summary>
    public static GeminiStandIn OnPort(int port) => new(port);

    /// <summary>Base URL for <c>Gemini:Endpoint</c>, with the trailing slash.</summary>
    public Uri Endpoint { get; }

    /// <summary>generateContent requests received since the last <see cref="Reset"/>.</summary>
    public int RequestCount => requests.Count;

    public IReadOnlyList<GeminiStandInRequest> Requests => [.. requests];

    /// <summary>
    /// Settings for <c>AddIntentClassifier</c> pointing at this stand-in, tuned for tests (10 ms back-off
    /// base, one retry); <paramref name="overrides"/> replace or add keys ("Gemini:MaxRetries" = "0";
    /// "Gemini:ApiKey" = null for no key).
    /// </summary>
    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gemini:Endpoint"] = Endpoint.AbsoluteUri,
            ["Gemini:Model"] = Model,
            ["Gemini:ApiKey"] = ApiKey,
            // Generous: a loaded CI machine must not turn a slow first answer into a timeout; timeout tests set their own.
            ["Gemini:TimeoutSeconds"] = "30",
            ["Gemini:TotalTimeoutSeconds"] = "90",
            ["Gemini:MaxRetries"] = "1",
            ["Gemini:RetryBaseDelayMilliseconds"] = "10",
            ["Gemini:RequestsPerMinute"] = "1000",
            ["Gemini:MaxConcurrency"] = "8",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Answer the n-th request with the n-th reply; the last reply repeats.</summary>
    public void Reply(params GeminiReply[] replies)
    {
        ArgumentOutOfRangeException.ThrowIfZero(replies.Length);
        this.replies = replies;
        Interlocked.Exchange(ref count, 0);
    }

    /// <summary>
    /// Answer by the rendered prompt (e.g. by the lead's name) when requests arrive in no fixed order, as queue
    /// messages do; a null choice falls back to the <see cref="Reply"/> sequence.
    /// </summary>
    public void ReplyByPrompt(Func<string, GeminiReply?> choose) => byPrompt = choose;

    /// <summary>
    /// Answer each prospect of a request by its own fields (e.g. by name), as a model judging them one by one does. When
    /// every choice is a per-lead entry the answer holds them all; otherwise the first other reply (an error, say) is the
    /// whole response.
    /// </summary>
    public void ReplyByProspect(Func<JsonObject, GeminiReply?> choose) => byProspect = choose;

    /// <summary>
    /// Every request from now on is answered by <paramref name="answer"/> (it may wait, e.g. for a latency, on the
    /// token, which ends when the request is aborted or the stand-in stops), instead of by the replies above.
    /// </summary>
    public void AnswerWith(Func<GeminiStandInRequest, CancellationToken, Task<GeminiReply>> answer) => policy = answer;

    /// <summary>Requests arriving from now on wait for <see cref="ReleaseAnswers"/> before they are answered.</summary>
    public void HoldAnswers() => held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the held requests (and no longer holds new ones).</summary>
    public void ReleaseAnswers() => Interlocked.Exchange(ref held, null)?.TrySetResult();

    /// <summary>Forget requests and answer a Medium intent (confidence 0.5) until told otherwise.</summary>
    public void Reset()
    {
        requests.Clear();
        byPrompt = null;
        byProspect = null;
        policy = null;
        Reply(GeminiReply.Intent("Medium", 0.5));
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested) return;
        // A slow answer nobody waits for any more must not hold the server's shutdown for its whole delay.
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private static GeminiReply Resolve(GeminiReply reply, IReadOnlyList<JsonObject> prospects)
    {
        while (reply.Decide is { } decide) reply = decide(prospects) with { Delay = reply.Delay };
        return reply;
    }

    private static GeminiReply Batch(IEnumerable<(JsonObject Prospect, JsonObject Entry)> entries, string? thought)
    {
        var leads = new JsonArray();
        foreach (var (prospect, entry) in entries)
        {
            var answer = new JsonObject { ["lead_id"] = prospect["lead_id"]?.DeepClone() };
            foreach (var (name, value) in entry) answer[name] = value?.DeepClone();
            leads.Add(answer);
        }

        return GeminiReply.Answer(new JsonObject { ["leads"] = leads }.ToJsonString(), thought);
    }

    private async Task<IResult> AnswerAsync(HttpContext context, string action)
    {
        if (!action.EndsWith(":generateContent", StringComparison.Ordinal))
        {
            return Json(new GeminiReply(404, GeminiBodies.Error(404, "NOT_FOUND", $"Method not found: {action}.").ToJsonString()));
        }

        using var body = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: -1, leaveOpen: true);
        var received = new GeminiStandInRequest(
            new Uri(context.Request.GetEncodedUrl()),
            context.Request.Headers.TryGetValue("x-goog-api-key", out var key) ? key.FirstOrDefault() : null,
            await body.ReadToEndAsync(context.RequestAborted));
        requests.Enqueue(received);

        using var answering = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        try
        {
            var reply = policy is { } answer ? await answer(received, answering.Token) : Choose(received);
            if (held is { } hold) await hold.Task.WaitAsync(answering.Token);
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, answering.Token);
            return Json(reply);
        }
        catch (OperationCanceledException)
        {
            return Results.StatusCode(503);
        }
    }

    private GeminiReply Choose(GeminiStandInRequest received)
    {
        var queued = replies;
        var prospects = received.Prospects;
        var next = new Lazy<GeminiReply>(() => queued[Math.Min(Interlocked.Increment(ref count) - 1, queued.Length - 1)]);
        if (byProspect is { } choose && prospects.Count > 0)
        {
            var chosen = prospects.Select(p => Resolve(choose(p) ?? next.Value, [p])).ToList();
            return chosen.FirstOrDefault(c => c.LeadEntry is null)
                ?? Batch(chosen.Select((c, i) => (prospects[i], c.LeadEntry!)), chosen[0].Thought) with { Delay = chosen.Max(c => c.Delay) };
        }

        var reply = Resolve(byPrompt?.Invoke(received.PromptText) ?? next.Value, prospects);
        return reply.LeadEntry is { } entry ? Batch(prospects.Select(p => (p, entry)), reply.Thought) with { Delay = reply.Delay } : reply;
    }

    private static IResult Json(GeminiReply reply) =>
        Results.Text(reply.Body, "application/json; charset=UTF-8", Encoding.UTF8, reply.StatusCode);
}

/// <summary>One request the stand-in received.</summary>
public sealed record GeminiStandInRequest(Uri Url, string? ApiKeyHeader, string Body)
{
    /// <summary>The text of the first user part: the rendered prompt.</summary>
    public string PromptText => JsonNode.Parse(Body)?["contents"]?[0]?["parts"]?[0]?["text"]?.GetValue<string>() ?? "";

    /// <summary>The prospects as the model reads them: the JSON array between the prompt's prospects_data tags.</summary>
    public IReadOnlyList<JsonObject> Prospects
    {
        get
        {
            var prompt = PromptText;
            var start = prompt.IndexOf("<prospects_data>", StringComparison.Ordinal);
            var end = prompt.IndexOf("</prospects_data>", StringComparison.Ordinal);
            if (start < 0 || end < start) return [];
            return JsonNode.Parse(prompt[(start + "<prospects_data>".Length)..end]) is JsonArray array ? [.. array.OfType<JsonObject>()] : [];
        }
    }

    /// <summary>generationConfig as sent (responseMimeType, responseJsonSchema, temperature ...).</summary>
    public JsonNode? GenerationConfig => JsonNode.Parse(Body)?["generationConfig"];
}
