using System.Text.Json;
using LeadScoring.Scoring.Ai;
using LeadScoring.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Scoring.Tests.Ai;

public sealed class GeminiChatClientTests : IClassFixture<GeminiStandIn>
{
    private readonly GeminiStandIn gemini;

    public GeminiChatClientTests(GeminiStandIn gemini)
    {
        this.gemini = gemini;
        gemini.Reset();
    }

    [Fact]
    public async Task Client_sends_system_messages_as_system_instruction_and_maps_roles()
    {
        // Generous attempt bound: a first (cold) answer slower than 5 s on a loaded machine was retried, giving two requests.
        using var host = new ClassifierHost(gemini.Settings(("Gemini:TimeoutSeconds", "60"), ("Gemini:TotalTimeoutSeconds", "120"), ("Gemini:Model", "gemini-2.0-flash")));
        var chat = host.Services.GetRequiredService<IChatClient>();
        ChatMessage[] messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hi"), new(ChatRole.Assistant, "Hello"), new(ChatRole.User, "Rate")];

        await chat.GetResponseAsync(messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 64 }, TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(Assert.Single(gemini.Requests).Body);
        var root = body.RootElement;
        Assert.Equal("Be brief.", root.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal(["user", "model", "user"], root.GetProperty("contents").EnumerateArray().Select(c => c.GetProperty("role").GetString()));
        Assert.Equal(0, root.GetProperty("generationConfig").GetProperty("temperature").GetDouble());
        Assert.Equal(64, root.GetProperty("generationConfig").GetProperty("maxOutputTokens").GetInt32());
        Assert.False(root.GetProperty("generationConfig").TryGetProperty("responseMimeType", out _));
    }

    [Theory]
    [InlineData("gemini-2.5-flash-lite", 0, null, true, 0)]
    [InlineData("gemini-2.5-flash", 0, null, true, 0)]
    [InlineData("gemini-2.5-pro", 128, null, true, 128)]
    [InlineData("gemini-3.1-flash-lite", null, "MINIMAL", false, 1_024)]
    [InlineData("gemini-3.5-flash", null, "MINIMAL", false, 1_024)]
    [InlineData("gemini-3.1-pro-preview", null, "LOW", false, 4_096)]
    [InlineData("gemini-2.0-flash", null, null, true, 0)]
    [InlineData("gemini-flash-lite-latest", null, null, false, 8_192)]
    public async Task Client_sets_thinking_and_sampling_by_model_generation(string model, int? budget, string? level, bool temperature, int headroom)
    {
        using var host = new ClassifierHost(gemini.Settings(("Gemini:Model", model)));
        var chat = host.Services.GetRequiredService<IChatClient>();

        await chat.GetResponseAsync(
            "Rate",
            new ChatOptions { Temperature = 0, MaxOutputTokens = 500, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } },
            TestContext.Current.CancellationToken);

        var request = Assert.Single(gemini.Requests);
        Assert.EndsWith($"/models/{model}:generateContent", request.Url.AbsolutePath, StringComparison.Ordinal);
        var config = request.GenerationConfig!;
        Assert.Equal(budget, config["thinkingConfig"]?["thinkingBudget"]?.GetValue<int>());
        Assert.Equal(level, config["thinkingConfig"]?["thinkingLevel"]?.GetValue<string>());
        Assert.Equal(temperature, config["temperature"] is not null);
        Assert.Equal(500 + headroom, config["maxOutputTokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Client_never_takes_thought_parts_as_the_answer_and_counts_their_tokens()
    {
        gemini.Reply(GeminiReply.Intent("High", 0.9).WithThought("The prospect is a CEO, so High."));
        using var host = new ClassifierHost(gemini.Settings());
        var chat = host.Services.GetRequiredService<IChatClient>();

        var response = await chat.GetResponseAsync("Rate", cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain("The prospect is a CEO", response.Text, StringComparison.Ordinal);
        Assert.StartsWith("{\"leads\"", response.Text, StringComparison.Ordinal);
        Assert.Equal(40, response.Usage?.ReasoningTokenCount);
        Assert.Equal(30, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Client_reports_a_cut_off_answer_as_length()
    {
        gemini.Reply(GeminiReply.MaxTokens());
        using var host = new ClassifierHost(gemini.Settings());
        var chat = host.Services.GetRequiredService<IChatClient>();

        var response = await chat.GetResponseAsync("Rate", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task Client_returns_candidate_text_model_and_usage()
    {
        gemini.Reply(GeminiReply.Text("plain answer"));
        using var host = new ClassifierHost(gemini.Settings());
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
        gemini.Reply(GeminiReply.PromptBlocked("PROHIBITED_CONTENT"));
        using var host = new ClassifierHost(gemini.Settings());
        var chat = host.Services.GetRequiredService<IChatClient>();

        var response = await chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        Assert.Equal("", response.Text);
    }

    [Fact]
    public void Client_describes_itself_as_gemini_with_its_model()
    {
        using var host = new ClassifierHost(gemini.Settings());
        var chat = host.Services.GetRequiredService<IChatClient>();

        var metadata = chat.GetService<ChatClientMetadata>();

        Assert.Equal("gemini", metadata?.ProviderName);
        Assert.Equal(GeminiStandIn.Model, metadata?.DefaultModelId);
        Assert.IsType<GeminiChatClient>(chat);
    }
}
