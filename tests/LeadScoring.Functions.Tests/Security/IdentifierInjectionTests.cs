using System.Text.Json;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Security;

/// <summary>
/// Ids and filters from the request with quotes, OData, key-forbidden characters, control characters or 2 KB of
/// text: each is refused (400) or escaped (404, nothing found), never a 500, never another offer's data.
/// </summary>
public sealed class IdentifierInjectionTests(AzuriteFixture azurite)
{
    /// <summary>{A} and {B} stand for the two offers' real ids.</summary>
    public static readonly TheoryData<string> HostileIds =
    [
        "{A}' or PartitionKey ne '",
        "{A}' or PartitionKey eq '{B}",
        "' or '1' eq '1",
        "{A}') or (PartitionKey ne '",
        "{A} or PartitionKey ne ''",
        "{A}''",
        "{A}\"",
        "{A}%27",
        "{A}/../{B}",
        "{B}\\",
        "{A}#{B}",
        "{A}?offer_id={B}",
        "{A}\u0000",
        "{A}\n",
        "{A}\u007f",
        "{A} ",
        "*",
        "..",
        "%2F",
        new string('a', 2048),
        "{A}" + new string('\'', 400),
    ];

    public static readonly TheoryData<string, string> HostileFilters = new()
    {
        { "intent", "High' or '1' eq '1" },
        { "intent", "1" },
        { "intent", "High,Low" },
        { "intent", "\u0000" },
        { "intent", new string('H', 2048) },
        { "min_score", "0 or 1 eq 1" },
        { "min_score", "-1" },
        { "min_score", "1e2" },
        { "min_score", "50\u0000" },
        { "limit", "0" },
        { "limit", "1001" },
        { "limit", "99999999999999999999" },
        { "limit", "10; drop" },
        { "continuation", "' or PartitionKey ne '" },
        { "continuation", "bm90IGEgdG9rZW4" },
        { "continuation", "%00" },
        { "continuation", new string('A', 2048) },
    };

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task Results_and_export_never_show_another_offers_results_for_a_crafted_offer_id(string template)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var (a, b) = await TwoOffersWithResultsAsync(app);
        var offerId = template.Replace("{A}", a, StringComparison.Ordinal).Replace("{B}", b, StringComparison.Ordinal);
        var query = QueryString.Create("offer_id", offerId).Value!;

        var results = await app.GetResultsAsync(query);
        var export = await app.ExportResultsAsync(query);

        foreach (var response in new[] { results, export })
        {
            Assert.Contains(response.Status, new[] { StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound });
            ProblemAssert.Problem(response, response.Status);
            Assert.DoesNotContain("lead-of-b", response.Body);
            Assert.DoesNotContain("lead-of-a", response.Body);
        }
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task Offer_run_and_scoring_refuse_or_do_not_find_a_crafted_id_and_store_nothing(string template)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var (a, b) = await TwoOffersWithResultsAsync(app);
        var id = template.Replace("{A}", a, StringComparison.Ordinal).Replace("{B}", b, StringComparison.Ordinal);

        var offer = await app.HttpAsync<GetOffer>(Requests.Get(), async (f, r, ct) => await f.Run(r, id, ct));
        var run = await app.HttpAsync<GetRun>(Requests.Get(), async (f, r, ct) => await f.Run(r, id, ct));
        var score = await app.StartScoringAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["offer_id"] = id }));

        foreach (var response in new[] { offer, run, score })
        {
            Assert.Contains(response.Status, new[] { StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound });
            ProblemAssert.Problem(response, response.Status);
        }

        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Runs));
    }

    [Theory]
    [MemberData(nameof(HostileFilters))]
    public async Task Results_and_export_reject_a_hostile_filter_naming_the_parameter(string parameter, string value)
    {
        await using var app = await TestApp.StartAsync(azurite);
        await TwoOffersWithResultsAsync(app);
        var query = QueryString.Create(parameter, value).Value!;

        var results = await app.GetResultsAsync(query);
        var export = await app.ExportResultsAsync(query);

        Assert.Contains(parameter, ProblemAssert.Problem(results, StatusCodes.Status400BadRequest).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains(parameter, ProblemAssert.Problem(export, StatusCodes.Status400BadRequest).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("{B} score|000|lead-of-b")]
    [InlineData("{B} lead|lead-of-b")]
    [InlineData("' or PartitionKey ne ' x")]
    [InlineData("{B}&$filter=PartitionKey%20ne%20'' x")]
    [InlineData("%00 %00")]
    [InlineData("a b c")]
    [InlineData("onlyonepart")]
    public async Task Continuation_token_naming_offer_a_never_reads_offer_b_whatever_its_storage_part(string storageToken)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var (a, b) = await TwoOffersWithResultsAsync(app);
        var token = new ResultContinuation(a, storageToken.Replace("{B}", b, StringComparison.Ordinal)).Encode();

        var response = await app.GetResultsAsync(Query(("limit", "10"), ("continuation", token)));

        Assert.Contains(response.Status, new[] { StatusCodes.Status200OK, StatusCodes.Status400BadRequest });
        Assert.DoesNotContain("lead-of-b", response.Body);
    }

    [Fact]
    public async Task Continuation_token_of_offer_a_is_refused_with_offer_b()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var (a, b) = await TwoOffersWithResultsAsync(app);
        var token = new ResultContinuation(a, "1!8!c2NvcmV8").Encode();

        var response = await app.GetResultsAsync(Query(("offer_id", b), ("limit", "10"), ("continuation", token)));

        ProblemAssert.Fields(response, "continuation");
    }

    private static string Query(params (string Name, string Value)[] parameters) =>
        QueryString.Create(parameters.Select(p => new KeyValuePair<string, string?>(p.Name, p.Value))).Value!;

    /// <summary>Two offers, one stored result each; the ids are what a client could learn from GET /offers.</summary>
    private static async Task<(string A, string B)> TwoOffersWithResultsAsync(TestApp app)
    {
        var a = await app.CreateOfferIdAsync();
        var b = await app.CreateOfferIdAsync();
        await StoredResults.SeedAsync(app, a, ("lead-of-a", 60));
        await StoredResults.SeedAsync(app, b, ("lead-of-b", 90));
        return (a, b);
    }
}
