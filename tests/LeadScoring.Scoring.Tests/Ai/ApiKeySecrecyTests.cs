using LeadScoring.Scoring.Ai;
using LeadScoring.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Tests.Ai;

public sealed class ApiKeySecrecyTests : IClassFixture<GeminiStandIn>
{
    private readonly GeminiStandIn gemini;

    public ApiKeySecrecyTests(GeminiStandIn gemini)
    {
        this.gemini = gemini;
        gemini.Reset();
    }

    [Fact]
    public async Task Key_never_appears_in_logs_or_results_of_a_failing_call()
    {
        // The worst case: Gemini echoes the key in its error text, on every attempt.
        gemini.Reply(
            GeminiReply.Quota("0.01s"),
            GeminiReply.Error(400, "INVALID_ARGUMENT", $"API key not valid: {GeminiStandIn.ApiKey}"));
        using var host = new ClassifierHost(gemini.Settings(("Gemini:MaxRetries", "2")));

        var judgement = await host.ClassifyAsync();

        // A 400 is the configuration's fault, not this lead's: the breaker opens and says so.
        Assert.Equal(FallbackReason.AiMisconfigured, judgement.FallbackReason);
        Assert.Equal(2, gemini.RequestCount);
        Assert.Contains(host.Logs, log => log.Id.Id == 211);
        Assert.DoesNotContain(GeminiStandIn.ApiKey, host.Services.GetRequiredService<AiBreaker>().Current!.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(host.Logs);
        Assert.All(host.Logs, AssertNoKey);
        Assert.DoesNotContain(GeminiStandIn.ApiKey, judgement.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(GeminiStandIn.ApiKey, host.Services.GetRequiredService<IOptions<GeminiOptions>>().Value.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_never_appears_in_the_chat_client_exception()
    {
        gemini.Reply(GeminiReply.Error(403, "PERMISSION_DENIED", $"Key {GeminiStandIn.ApiKey} lacks access."));
        using var host = new ClassifierHost(gemini.Settings(("Gemini:MaxRetries", "0")));
        var chat = host.Services.GetRequiredService<IChatClient>();

        var failure = await Assert.ThrowsAnyAsync<HttpRequestException>(
            () => chat.GetResponseAsync("Hello", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, failure.StatusCode);
        Assert.Contains("PERMISSION_DENIED", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GeminiStandIn.ApiKey, failure.ToString(), StringComparison.Ordinal);
        Assert.All(host.Logs, AssertNoKey);
    }

    private static void AssertNoKey(FakeLogRecord log)
    {
        Assert.DoesNotContain(GeminiStandIn.ApiKey, log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GeminiStandIn.ApiKey, log.Exception?.ToString() ?? "", StringComparison.Ordinal);
        foreach (var (key, value) in log.StructuredState ?? [])
        {
            Assert.DoesNotContain(GeminiStandIn.ApiKey, $"{key}={value}", StringComparison.Ordinal);
        }

        foreach (var scope in log.Scopes)
        {
            Assert.DoesNotContain(GeminiStandIn.ApiKey, scope?.ToString() ?? "", StringComparison.Ordinal);
        }
    }
}
