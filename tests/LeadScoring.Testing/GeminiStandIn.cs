using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace LeadScoring.Testing;

/// <summary>
/// A real local HTTP server answering Gemini's <c>POST v1beta/models/{model}:generateContent</c>
/// (WireMock.Net). <see cref="Reply"/> sets a sequence of answers: the n-th request gets the n-th
/// reply and the last one repeats, so "429 then success" is <c>Reply(Quota("1s"), Intent(...))</c>.
/// Start one per test class (a class fixture) and <see cref="Reset"/> it per test.
/// </summary>
public sealed class GeminiStandIn : IDisposable
{
    /// <summary>A fake key; tests assert it never shows up in logs, exceptions or results.</summary>
    public const string ApiKey = "AIzaSyStandIn-0123456789-not-a-real-key";

    public const string Model = "gemini-stand-in";

    private readonly WireMockServer server;
    private readonly ConcurrentQueue<GeminiStandInRequest> requests = new();
    private volatile GeminiReply[] replies = [];
    private volatile Func<string, GeminiReply?>? byPrompt;
    private volatile Func<JsonObject, GeminiReply?>? byProspect;
    private int count;
    private readonly CancellationTokenSource stopping = new();
    private volatile TaskCompletionSource? held;

    public GeminiStandIn()
    {
        server = WireMockServer.Start();
        server
            .Given(Request.Create().WithPath(path => path.EndsWith(":generateContent", StringComparison.Ordinal)).UsingPost())
            .RespondWith(Response.Create().WithCallback(AnswerAsync));
        Reset();
    }

    /// <summary>Base URL for <c>Gemini:Endpoint</c>, with the trailing slash.</summary>
    public Uri Endpoint => new($"{server.Url}/");

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
        Reply(GeminiReply.Intent("Medium", 0.5));
    }

    public void Dispose()
    {
        // A slow answer nobody waits for any more must not hold the server's shutdown for its whole delay.
        stopping.Cancel();
        server.Dispose();
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

    private async Task<IResponseMessage> AnswerAsync(IRequestMessage request)
    {
        var received = new GeminiStandInRequest(
            new Uri(request.AbsoluteUrl),
            request.Headers is { } headers && headers.TryGetValue("x-goog-api-key", out var key) ? key.FirstOrDefault() : null,
            request.Body ?? "");
        requests.Enqueue(received);

        var queued = replies;
        var prospects = received.Prospects;
        var next = new Lazy<GeminiReply>(() => queued[Math.Min(Interlocked.Increment(ref count) - 1, queued.Length - 1)]);
        GeminiReply reply;
        if (byProspect is { } choose && prospects.Count > 0)
        {
            var chosen = prospects.Select(p => Resolve(choose(p) ?? next.Value, [p])).ToList();
            reply = chosen.FirstOrDefault(c => c.LeadEntry is null)
                ?? Batch(chosen.Select((c, i) => (prospects[i], c.LeadEntry!)), chosen[0].Thought) with { Delay = chosen.Max(c => c.Delay) };
        }
        else
        {
            reply = Resolve(byPrompt?.Invoke(received.PromptText) ?? next.Value, prospects);
            if (reply.LeadEntry is { } entry)
            {
                reply = Batch(prospects.Select(p => (p, entry)), reply.Thought) with { Delay = reply.Delay };
            }
        }

        if (held is { } hold)
        {
            try
            {
                await hold.Task.WaitAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return new ResponseMessage { StatusCode = 503 };
            }
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return new ResponseMessage { StatusCode = 503 };
            }
        }

        var response = new ResponseMessage
        {
            StatusCode = reply.StatusCode,
            BodyData = new BodyData { BodyAsString = reply.Body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", "application/json; charset=UTF-8");
        return response;
    }
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
