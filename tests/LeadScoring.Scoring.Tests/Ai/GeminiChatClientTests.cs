using System.Text.Json;
using LeadScoring.Scoring.Ai;
using LeadScoring.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Scoring.Tests.Ai;

public sealed class GeminiChatClientTests : IClassFixture<GeminiStandIn>
{
    private readonly GeminiStandIn _gemini;

    public GeminiChatClientTests(GeminiStandIn gemini)
    {
        _gemini = gemini;
        _gemini.Reset();
    }

    [Fact]
    public async Task Client_sends_system_messages_as_system_instruction_and_maps_roles()
    {
        // Generous attempt bound: a first (cold) answer slower than 5 s on a loaded machine was retried, giving two requests.
        using var host = new ClassifierHost(_gemini.Settings(("Gemini:TimeoutSeconds", "60"), ("Gemini:TotalTimeoutSeconds", "120")));
        var chat = host.Services.GetRequiredService<IChatClient>();
        ChatMessage[] messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hi"), new(ChatRole.Assistant, "Hello"), new(ChatRole.User, "Rate")];

        await chat.GetResponseAsync(messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 64 }, TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(Assert.Single(_gemini.Requests).Body);
        var root = body.RootElement;
        Assert.Equal("Be brief.", root.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal(["user", "model", "user"], root.GetProperty("contents").EnumerateArray().Select(c => c.GetProperty("role").GetString()));
        Assert.Equal(0, root.GetProperty("generationConfig").GetProperty("temperature").GetDouble());
        Assert.Equal(64, root.GetProperty("generationConfig").GetProperty("maxOutputTokens").GetInt32());
        Assert.False(root.GetProperty("generationConfig").TryGetProperty("responseMimeType", out _));
    }

    [Fact]
    public async Task Client_returns_candidate_text_model_and_usage()
    {
        _gemini.Reply(GeminiReply.Text("plain answer"));
        using var host = new ClassifierHost(_gemini.Settings());
        var chat = host.Services.GetRequiredService<IChatClient>();

        var response = await chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("plain answer", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(GeminiStandIn.Model, response.ModelId);
        Assert.Equal(150, response.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task Client_reports_a_blocked_prompt_as_content_filter_without_text()
    {
        _gemini.Reply(GeminiReply.PromptBlocked("PROHIBITED_CONTENT"));
        using var host = new ClassifierHost(_gemini.Settings());
        var chat = host.Services.GetRequiredService<IChatClient>();

        var response = await chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        Assert.Equal("", response.Text);
    }

    [Fact]
    public void Client_describes_itself_as_gemini_with_its_model()
    {
        using var host = new ClassifierHost(_gemini.Settings());
        var chat = host.Services.GetRequiredService<IChatClient>();

        var metadata = chat.GetService<ChatClientMetadata>();

        Assert.Equal("gemini", metadata?.ProviderName);
        Assert.Equal(GeminiStandIn.Model, metadata?.DefaultModelId);
        Assert.IsType<GeminiChatClient>(chat);
    }
}
