using LeadScoring.Functions.Tests.Support;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

/// <summary>The walkthrough with the AI layer answering from a local Gemini stand-in.</summary>
public sealed class EndToEndAiTests(AzuriteFixture azurite) : IDisposable
{
    private readonly GeminiStandIn gemini = new();

    [Fact]
    public async Task Walkthrough_scores_seed_leads_with_the_intents_the_model_gives()
    {
        gemini.ReplyByPrompt(prompt =>
            prompt.Contains("John Smith", StringComparison.Ordinal) ? GeminiReply.Intent("High", 0.9, "CEO of a SaaS company.")
            : prompt.Contains("Sarah Johnson", StringComparison.Ordinal) ? GeminiReply.Intent("Medium", 0.5, "Marketing, not the buyer.")
            : GeminiReply.Intent("Low", 0.8, "HR in retail."));
        await using var app = await TestApp.StartAsync(azurite, gemini.Settings());
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        var runId = await app.StartRunAsync();

        await app.ProcessQueuesAsync();

        var results = TestApp.Array((await app.GetResultsAsync()).AssertStatus(StatusCodes.Status200OK));
        Assert.Equal(
            [("John Smith", "High", "High"), ("Sarah Johnson", "Medium", "Medium"), ("Mike Chen", "Low", "Low")],
            results.Select(r => (r.GetProperty("name").GetString(), r.GetProperty("intent").GetString(), r.GetProperty("breakdown").GetProperty("ai_intent").GetString())));
        Assert.All(results, r => Assert.Equal("ai", r.GetProperty("source").GetString()));
        Assert.All(results, r => Assert.Equal(System.Text.Json.JsonValueKind.Null, r.GetProperty("fallback_reason").ValueKind));
        Assert.InRange(results[0].GetProperty("score").GetInt32(), 95, 100);
        Assert.Equal(3, gemini.RequestCount);
        var run = (await app.GetRunAsync(runId)).Json();
        Assert.Equal((3, 0), (run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.DoesNotContain(GeminiStandIn.ApiKey, (await app.ExportResultsAsync()).Body);
    }

    public void Dispose() => gemini.Dispose();
}
