using LeadScoring.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

/// <summary>The seed's curl walkthrough: offer → upload → score → queue processing → results → export.</summary>
public sealed class EndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Walkthrough_scores_seed_leads_with_rule_fallback_when_no_ai_key()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        var upload = (await app.UploadAsync()).AssertStatus(StatusCodes.Status201Created);
        var runId = await app.StartRunAsync();

        await app.ProcessQueuesAsync();

        Assert.Equal(3, upload.Json().GetProperty("inserted").GetInt32());
        var results = TestApp.Array(await app.GetResultsAsync());
        Assert.Equal(
            [("John Smith", 95, "High"), ("Sarah Johnson", 70, "Medium"), ("Mike Chen", 35, "Low")],
            results.Select(r => (r.GetProperty("name").GetString(), r.GetProperty("score").GetInt32(), r.GetProperty("intent").GetString())));
        Assert.All(results, r => Assert.Equal("fallback", r.GetProperty("source").GetString()));
        Assert.All(results, r => Assert.Equal("ai_not_configured", r.GetProperty("fallback_reason").GetString()));
        Assert.All(results, r => Assert.Equal(runId, r.GetProperty("run_id").GetString()));
        var run = (await app.GetRunAsync(runId)).Json();
        Assert.True(run.GetProperty("done").GetBoolean());
        Assert.Equal((3, 3, 0), (run.GetProperty("queued").GetInt32(), run.GetProperty("scored").GetInt32(), run.GetProperty("failed").GetInt32()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, run.GetProperty("completed_at").ValueKind);
    }

    [Fact]
    public async Task Export_streams_csv_attachment_with_seed_columns_best_first()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        await app.StartRunAsync();
        await app.ProcessQueuesAsync();

        var export = await app.ExportResultsAsync();

        Assert.Equal(StatusCodes.Status200OK, export.Status);
        Assert.StartsWith("text/csv", export.ContentType);
        Assert.Contains("attachment", export.Headers.ContentDisposition.ToString());
        Assert.Contains("lead_scores.csv", export.Headers.ContentDisposition.ToString());
        var lines = export.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("lead_id,name,company,role,industry,score,intent,reasoning", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains("John Smith", lines[1]);
        Assert.Contains("Mike Chen", lines[3]);
    }
}
