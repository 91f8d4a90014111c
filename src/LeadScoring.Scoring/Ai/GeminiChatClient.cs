using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Polly.RateLimiting;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// <see cref="IChatClient"/> over Gemini's REST <c>POST v1beta/models/{model}:generateContent</c>.
/// We use the native endpoint rather than the OpenAI-compatible one because we act on what only the
/// native responses carry: RetryInfo.retryDelay in 429 bodies, promptFeedback.blockReason and a
/// candidate's finishReason (SAFETY, OTHER, ...). Structured output maps to
/// generationConfig.responseMimeType=application/json + responseJsonSchema.
/// Sources: ai.google.dev/gemini-api/docs/generate-content/api-errors (error codes, google.rpc.Status body),
/// ai.google.dev/gemini-api/docs/troubleshooting (retry 429/5xx with back-off),
/// ai.google.dev/api/generate-content (request, candidates, promptFeedback, finishReason).
/// </summary>
/// <remarks>
/// Retries, timeouts and rate limits live in the named HttpClient's resilience pipeline
/// (<see cref="GeminiResilience"/>). Faults surface as <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestException.StatusCode"/>; a blocked prompt or candidate is a response with
/// <see cref="ChatFinishReason.ContentFilter"/> and no text. No message here carries the key or a body.
/// </remarks>
internal sealed class GeminiChatClient(IHttpClientFactory httpClientFactory, IOptions<GeminiOptions> options) : IChatClient
{
    public const string HttpClientName = "Gemini";

    // Gemini accepts the key as a header or a ?key= query; the header keeps it out of URLs, and so
    // out of HttpClient logs, traces and exception messages.
    public const string ApiKeyHeader = "x-goog-api-key";

    private const string ProviderName = "gemini";

    private readonly GeminiOptions settings = options.Value;

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (!settings.HasApiKey)
        {
            throw new InvalidOperationException("No Gemini API key is configured (Gemini:ApiKey or GEMINI_API_KEY).");
        }

        var model = options?.ModelId ?? settings.Model;
        using var request = new HttpRequestMessage(HttpMethod.Post, GenerateContentUri(model))
        {
            Content = JsonContent.Create(ToRequest(messages, options, GeminiModelProfile.For(model)), GeminiJsonContext.Default.GeminiRequest),
        };
        request.Headers.Add(ApiKeyHeader, settings.ApiKey);

        var http = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (RateLimiterRejectedException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up while we were queued for quota: that is cancellation, not a quota fault.
            throw new OperationCanceledException(cancellationToken);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new GeminiApiException(response.StatusCode, await GeminiError.ReadAsync(response, cancellationToken));
            }

            var body = await response.Content.ReadFromJsonAsync(GeminiJsonContext.Default.GeminiResponse, cancellationToken)
                ?? throw new JsonException("Gemini generateContent answered an empty body.");
            return ToChatResponse(body, model);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // We classify one short answer at a time; streaming buys nothing, so it is the whole response as updates.
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(ProviderName, settings.Endpoint, settings.Model)
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // Nothing to release: HttpClients come from the factory, which owns their handlers.
    }

    private Uri GenerateContentUri(string model)
    {
        var endpoint = settings.Endpoint.AbsoluteUri;
        var root = endpoint.EndsWith('/') ? endpoint : endpoint + "/";
        return new Uri($"{root}v1beta/models/{Uri.EscapeDataString(model)}:generateContent");
    }

    internal static GeminiRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, GeminiModelProfile profile)
    {
        var system = new StringBuilder(options?.Instructions);
        var contents = new List<GeminiContent>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                system.Append(system.Length > 0 ? "\n\n" : "").Append(message.Text);
                continue;
            }

            // Gemini knows two conversation roles: "user" and "model".
            var role = message.Role == ChatRole.Assistant ? "model" : "user";
            contents.Add(new GeminiContent(role, [new GeminiPart(message.Text)]));
        }

        var json = options?.ResponseFormat as ChatResponseFormatJson;
        var thinking = profile.Thinking(options?.Reasoning?.Effort);
        var config = new GeminiGenerationConfig(
            profile.TakesSamplingSettings ? options?.Temperature : null,
            // Thinking tokens count against maxOutputTokens: room for them on top of what the answer needs.
            options?.MaxOutputTokens + profile.ThinkingHeadroomTokens(thinking),
            profile.TakesSamplingSettings ? options?.TopP : null,
            profile.TakesSamplingSettings ? options?.TopK : null,
            options?.StopSequences is { Count: > 0 } stops ? [.. stops] : null,
            json is null ? null : "application/json",
            json?.Schema is { } schema ? WithoutMetaSchema(schema) : null,
            thinking);

        return new GeminiRequest(contents, system.Length > 0 ? new GeminiContent(null, [new GeminiPart(system.ToString())]) : null, config);
    }

    // responseJsonSchema takes a JSON Schema subset; "$schema" is not among the keywords it lists, so
    // it goes rather than risk an INVALID_ARGUMENT.
    private static JsonElement WithoutMetaSchema(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("$schema", out _))
        {
            return schema;
        }

        var node = JsonNode.Parse(schema.GetRawText())!.AsObject();
        node.Remove("$schema");
        using var trimmed = JsonDocument.Parse(node.ToJsonString());
        return trimmed.RootElement.Clone();
    }

    internal static ChatResponse ToChatResponse(GeminiResponse body, string model)
    {
        var candidate = body.Candidates is { Count: > 0 } candidates ? candidates[0] : null;
        var text = string.Concat(candidate?.Content?.Parts?.Where(p => p.Thought != true).Select(p => p.Text) ?? []);
        var message = new ChatMessage(ChatRole.Assistant, text.Length > 0 ? [new TextContent(text)] : []);

        // No candidate at all means the prompt itself was blocked (promptFeedback.blockReason).
        var finishReason = candidate is null && body.PromptFeedback?.BlockReason is not null
            ? ChatFinishReason.ContentFilter
            : ToFinishReason(candidate?.FinishReason);

        return new ChatResponse(message)
        {
            FinishReason = finishReason,
            ModelId = body.ModelVersion ?? model,
            ResponseId = body.ResponseId,
            RawRepresentation = body,
            Usage = body.UsageMetadata is { } usage
                ? new UsageDetails
                {
                    InputTokenCount = usage.PromptTokenCount,
                    OutputTokenCount = usage.CandidatesTokenCount,
                    // Billed as output, but not part of the answer's text.
                    ReasoningTokenCount = usage.ThoughtsTokenCount,
                    TotalTokenCount = usage.TotalTokenCount,
                }
                : null,
        };
    }

    // STOP and MAX_TOKENS have MEAI equivalents; every other reason Gemini documents (SAFETY,
    // RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII, OTHER, ...) means the candidate was withheld or cut.
    private static ChatFinishReason? ToFinishReason(string? reason) => reason switch
    {
        null or "" or "FINISH_REASON_UNSPECIFIED" => null,
        "STOP" => ChatFinishReason.Stop,
        "MAX_TOKENS" => ChatFinishReason.Length,
        _ => ChatFinishReason.ContentFilter,
    };
}
