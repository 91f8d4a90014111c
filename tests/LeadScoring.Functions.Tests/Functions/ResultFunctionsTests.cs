using LeadScoring.Functions.Http.Requests;
using LeadScoring.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

public sealed class ResultFunctionsTests(AzuriteFixture azurite)
{
    private static readonly (string, int)[] Five = [("a", 55), ("b", 92), ("c", 12), ("d", 80), ("e", 49)];

    [Fact]
    public async Task GetResults_returns_the_whole_array_best_first_without_a_limit()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offerId = await app.CreateOfferIdAsync();
        await StoredResults.SeedAsync(app, offerId, Five);

        var response = await app.GetResultsAsync();

        var rows = TestApp.Array(response.AssertStatus(StatusCodes.Status200OK));
        Assert.Equal(["b", "d", "a", "e", "c"], rows.Select(r => r.GetProperty("lead_id").GetString()));
        Assert.False(response.Headers.ContainsKey(ResultsQuery.ContinuationHeader));
        var first = rows[0];
        Assert.Equal("ai", first.GetProperty("source").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("fallback_reason").ValueKind);
        Assert.Equal(42, first.GetProperty("breakdown").GetProperty("ai_points").GetInt32());
        Assert.Equal("High", first.GetProperty("breakdown").GetProperty("ai_intent").GetString());
    }

    [Fact]
    public async Task GetResults_pages_with_an_opaque_continuation_token_until_the_last_page()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offerId = await app.CreateOfferIdAsync();
        await StoredResults.SeedAsync(app, offerId, Five);
        var seen = new List<string?>();
        var tokens = new List<string>();

        var query = "limit=2";
        while (true)
        {
            var response = (await app.GetResultsAsync(query)).AssertStatus(StatusCodes.Status200OK);
            var rows = TestApp.Array(response);
            Assert.InRange(rows.Length, 1, 2);
            seen.AddRange(rows.Select(r => r.GetProperty("lead_id").GetString()));
            if (!response.Headers.TryGetValue(ResultsQuery.ContinuationHeader, out var token)) break;
            tokens.Add(token.ToString());
            query = $"limit=2&continuation={Uri.EscapeDataString(token.ToString())}";
        }

        Assert.Equal(["b", "d", "a", "e", "c"], seen);
        Assert.Equal(2, tokens.Count);
        Assert.All(tokens, token => Assert.DoesNotContain("score|", token));
    }

    [Theory]
    [InlineData("intent=High", new[] { "b", "d" })]
    [InlineData("intent=medium", new[] { "a" })]
    [InlineData("intent=Low", new[] { "e", "c" })]
    [InlineData("min_score=50", new[] { "b", "d", "a" })]
    [InlineData("intent=Low&min_score=20", new[] { "e" })]
    [InlineData("min_score=100", new string[0])]
    public async Task GetResults_filters_by_intent_band_and_min_score(string query, string[] expected)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offerId = await app.CreateOfferIdAsync();
        await StoredResults.SeedAsync(app, offerId, Five);

        var response = await app.GetResultsAsync(query);

        Assert.Equal(expected, TestApp.Array(response.AssertStatus(StatusCodes.Status200OK)).Select(r => r.GetProperty("lead_id").GetString()));
    }

    [Fact]
    public async Task GetResults_reads_the_named_offer_not_the_latest()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var older = await app.CreateOfferIdAsync();
        await app.CreateOfferIdAsync();
        await StoredResults.SeedAsync(app, older, ("x", 70));

        var latest = await app.GetResultsAsync();
        var named = await app.GetResultsAsync($"offer_id={older}");

        Assert.Empty(TestApp.Array(latest.AssertStatus(StatusCodes.Status200OK)));
        Assert.Equal(["x"], TestApp.Array(named.AssertStatus(StatusCodes.Status200OK)).Select(r => r.GetProperty("lead_id").GetString()));
    }

    [Theory]
    [InlineData("intent=Urgent", "intent")]
    [InlineData("intent=2", "intent")]
    [InlineData("min_score=101", "min_score")]
    [InlineData("min_score=-1", "min_score")]
    [InlineData("min_score=abc", "min_score")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=10&continuation=not-a-token!", "continuation")]
    [InlineData("limit=10&continuation=bm90IG91cnM", "continuation")]
    [InlineData("offer_id=a%23b", "offer_id")]
    public async Task GetResults_rejects_invalid_query_parameters_by_name(string query, string field)
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();

        var response = await app.GetResultsAsync(query);

        ProblemAssert.Fields(response, field);
    }

    [Fact]
    public async Task GetResults_rejects_a_continuation_token_of_another_offer()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var first = await app.CreateOfferIdAsync();
        var second = await app.CreateOfferIdAsync();
        await StoredResults.SeedAsync(app, first, Five);
        var token = (await app.GetResultsAsync($"offer_id={first}&limit=1")).Headers[ResultsQuery.ContinuationHeader].ToString();

        var response = await app.GetResultsAsync($"offer_id={second}&limit=1&continuation={Uri.EscapeDataString(token)}");

        ProblemAssert.Fields(response, "continuation");
    }

    [Fact]
    public async Task GetResults_returns_409_problem_when_no_offer_exists()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.GetResultsAsync();

        ProblemAssert.Problem(response, StatusCodes.Status409Conflict);
    }

    [Fact]
    public async Task GetResults_returns_404_problem_for_an_unknown_offer()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();

        var response = await app.GetResultsAsync("offer_id=unknown");

        ProblemAssert.Problem(response, StatusCodes.Status404NotFound);
    }

    [Fact]
    public async Task ExportResults_applies_the_same_filters()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offerId = await app.CreateOfferIdAsync();
        await StoredResults.SeedAsync(app, offerId, Five);

        var export = await app.ExportResultsAsync("intent=High");

        var lines = export.AssertStatus(StatusCodes.Status200OK).Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("b,", lines[1]);
        Assert.StartsWith("d,", lines[2]);
    }

    [Fact]
    public async Task ExportResults_rejects_an_invalid_filter_with_a_problem()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();

        var response = await app.ExportResultsAsync("intent=Hot");

        ProblemAssert.Fields(response, "intent");
    }
}
