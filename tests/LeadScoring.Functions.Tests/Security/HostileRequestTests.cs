using System.Text;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Http.Requests;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Security;

/// <summary>
/// Bodies that are too big, of the wrong type, malformed, nested too deep or mistyped: each is a clear
/// problem+json and leaves every table and queue exactly as it was.
/// </summary>
public sealed class HostileRequestTests(AzuriteFixture azurite)
{
    private const string ValidOffer = """{"name":"N","value_props":"V","ideal_use_cases":"U"}""";

    public static readonly TheoryData<string, string, int> HostileJson = new()
    {
        // content type
        { "text/plain", ValidOffer, 415 },
        { "application/xml", "<offer><name>N</name></offer>", 415 },
        { "application/x-www-form-urlencoded", "name=N&value_props=V", 415 },
        { "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nN\r\n--b--\r\n", 415 },
        { "text/csv", "name,value_props\nN,V\n", 415 },
        { "application/json-patch", ValidOffer, 415 },
        // size
        { "application/json", "{\"name\":\"" + new string('x', JsonRequest.MaxBytes) + "\"}", 413 },
        { "application/json", new string(' ', JsonRequest.MaxBytes + 1) + ValidOffer, 413 },
        // malformed
        { "application/json", "{", 400 },
        { "application/json", "{\"name\":", 400 },
        { "application/json", "{'name':'N'}", 400 },
        { "application/json", "{\"name\":\"N\",}", 400 },
        { "application/json", "{\"name\":\"N\"} {\"name\":\"M\"}", 400 },
        { "application/json", "nul", 400 },
        { "application/json", "\u0000", 400 },
        { "application/json", "{\"name\":\"\\x41\"}", 400 },
        { "application/json", "/* comment */ {}", 400 },
        { "application/json", "[" + ValidOffer + "]", 400 },
        { "application/json", "\"just a string\"", 400 },
        { "application/json", "null", 400 },
        // nested past the parser's depth limit, and deep but legal nesting in an unknown field
        { "application/json", "{\"name\":" + new string('[', 10_000) + new string(']', 10_000) + "}", 400 },
        { "application/json", "{\"x\":" + string.Concat(Enumerable.Repeat("{\"x\":", 200)) + "1" + new string('}', 201), 400 },
        // huge strings inside the body limit
        { "application/json", "{\"name\":\"" + new string('n', 60_000) + "\",\"value_props\":\"V\",\"ideal_use_cases\":\"U\"}", 400 },
        { "application/json", "{\"name\":\"N\",\"value_props\":\"V\",\"ideal_use_cases\":\"U\",\"decision_makers\":[\"" + new string('k', 50_000) + "\"]}", 400 },
        { "application/json", "{\"name\":\"N\",\"value_props\":\"V\",\"ideal_use_cases\":\"U\",\"decision_makers\":[" + string.Join(",", Enumerable.Repeat("\"ceo\"", 5_000)) + "]}", 400 },
        // wrong types
        { "application/json", "{\"name\":1,\"value_props\":\"V\",\"ideal_use_cases\":\"U\"}", 400 },
        { "application/json", "{\"name\":{\"$ne\":null},\"value_props\":\"V\",\"ideal_use_cases\":\"U\"}", 400 },
        { "application/json", "{\"name\":[\"N\"],\"value_props\":\"V\",\"ideal_use_cases\":\"U\"}", 400 },
        { "application/json", "{\"name\":\"N\",\"value_props\":true,\"ideal_use_cases\":\"U\"}", 400 },
        { "application/json", "{\"name\":\"N\",\"value_props\":\"V\",\"ideal_use_cases\":\"U\",\"decision_makers\":\"ceo\"}", 400 },
        { "application/json", "{\"name\":\"N\",\"value_props\":\"V\",\"ideal_use_cases\":\"U\",\"decision_makers\":[1]}", 400 },
        { "application/json", "{\"name\":\"N\",\"value_props\":\"V\",\"ideal_use_cases\":\"U\",\"decision_makers\":[null]}", 400 },
        { "application/json", "{\"name\":\"N\",\"value_props\":\"V\",\"ideal_use_cases\":\"U\",\"target_industries\":{\"0\":\"saas\"}}", 400 },
        // text a JSON parser takes but storage or a later reader might not
        { "application/json", "{\"name\":\"\\uD800\",\"value_props\":\"V\",\"ideal_use_cases\":\"U\"}", 400 },
        { "application/json", "{\"name\":\"   \",\"value_props\":\"V\",\"ideal_use_cases\":\"U\"}", 400 },
    };

    public static readonly TheoryData<string, string, int> HostileScoreJson = new()
    {
        { "text/plain", "{}", 415 },
        { "application/json", "{\"offer_id\":" + new string('[', 5_000) + new string(']', 5_000) + "}", 400 },
        { "application/json", "{\"offer_id\":\"" + new string('x', JsonRequest.MaxBytes) + "\"}", 413 },
        { "application/json", "{\"offer_id\":5}", 400 },
        { "application/json", "{\"offer_id\":{\"$gt\":\"\"}}", 400 },
        { "application/json", "{\"offer_id\":[\"a\"]}", 400 },
        { "application/json", "{\"rescore\":\"yes\"}", 400 },
        { "application/json", "{\"rescore\":1}", 400 },
        { "application/json", "{\"offer_id\":\"\\uDC00\"}", 400 },
        { "application/json", "{\"offer_id\":\"a\\u0000b\"}", 400 },
        { "application/json", "{\"offer_id\":\"\"}", 400 },
        { "application/json", "[{}]", 400 },
        { "application/json", "{", 400 },
    };

    [Theory]
    [MemberData(nameof(HostileJson))]
    public async Task CreateOffer_answers_a_hostile_body_with_a_problem_and_stores_nothing(string contentType, string body, int status)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var before = await SnapshotAsync(app);

        var response = await app.HttpAsync<CreateOffer>(Requests.Json(body, contentType), async (f, r, ct) => await f.Run(r, ct));

        ProblemAssert.Problem(response, status);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Theory]
    [MemberData(nameof(HostileScoreJson))]
    public async Task StartScoring_answers_a_hostile_body_with_a_problem_and_queues_nothing(string contentType, string body, int status)
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync();
        var before = await SnapshotAsync(app);

        var response = await app.HttpAsync<StartScoring>(Requests.Json(body, contentType), async (f, r, ct) => await f.Run(r, ct));

        ProblemAssert.Problem(response, status);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Fact]
    public async Task CreateOffer_cannot_set_its_own_id_or_storage_keys_through_unknown_fields()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var body = """
            {"name":"N","value_props":"V","ideal_use_cases":"U",
             "id":"chosen-id","PartitionKey":"results","RowKey":"chosen-id","created_at":"1999-01-01T00:00:00Z",
             "odata.etag":"W/\"1\"","Timestamp":"1999-01-01T00:00:00Z","keywords":{"decision_makers":["intern"]}}
            """;

        var created = await app.CreateOfferAsync(body);

        var id = created.AssertStatus(StatusCodes.Status201Created).Json().GetProperty("id").GetString()!;
        Assert.NotEqual("chosen-id", id);
        var offer = (await app.HttpAsync<GetOffer>(Requests.Get(), async (f, r, ct) => await f.Run(r, id, ct))).AssertStatus(StatusCodes.Status200OK).Json();
        Assert.NotEqual(1999, offer.GetProperty("created_at").GetDateTimeOffset().Year);
        Assert.False(offer.GetProperty("keywords").TryGetProperty("decision_makers", out _));
        var missing = await app.HttpAsync<GetOffer>(Requests.Get(), async (f, r, ct) => await f.Run(r, "chosen-id", ct));
        ProblemAssert.Problem(missing, StatusCodes.Status404NotFound);
        Assert.Equal(1, await app.CountEntitiesAsync(StorageNames.Offers));
    }

    [Theory]
    [InlineData("application/json", "{\"name\":\"x\"}", 415)]
    [InlineData("application/octet-stream", "name,role,company,industry\nA,CEO,C,saas\n", 415)]
    [InlineData("text/plain", "name,role,company,industry\nA,CEO,C,saas\n", 415)]
    [InlineData("", "name,role,company,industry\nA,CEO,C,saas\n", 415)]
    [InlineData("multipart/form-data", "--b\r\n", 400)]
    [InlineData("multipart/form-data; boundary=b", "no boundary anywhere", 400)]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nname,role,company,industry\nA,CEO,C,saas\n", 400)]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n", 400)]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n", 400)]
    [InlineData("text/csv; charset=utf-16", "\uFEFFfoo,bar", 400)]
    public async Task Upload_answers_a_wrong_type_or_broken_multipart_body_with_a_problem_and_stores_nothing(string contentType, string body, int status)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var before = await SnapshotAsync(app);
        var request = Requests.CsvBytes(Encoding.UTF8.GetBytes(body), contentType);
        if (contentType.Length == 0) request.ContentType = null;

        var response = await app.HttpAsync<UploadLeads>(request, async (f, r, ct) => await f.Run(r, ct));

        ProblemAssert.Problem(response, status);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    /// <summary>Entities per table and messages per queue: a refused request must leave both as they were.</summary>
    internal static async Task<string> SnapshotAsync(TestApp app)
    {
        var counts = new List<string>();
        foreach (var table in new[] { StorageNames.Offers, StorageNames.Uploads, StorageNames.Leads, StorageNames.Results, StorageNames.Runs })
        {
            counts.Add($"{table}={await app.CountEntitiesAsync(table)}");
        }

        var queues = app.Get<Azure.Storage.Queues.QueueServiceClient>();
        foreach (var queue in new[] { StorageNames.PlanLeads, StorageNames.ScoreLeads })
        {
            var properties = await queues.GetQueueClient(queue).GetPropertiesAsync(TestApp.Cancellation);
            counts.Add($"{queue}={properties.Value.ApproximateMessagesCount}");
        }

        return string.Join(", ", counts);
    }
}
