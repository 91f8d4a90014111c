using System.Text;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

public sealed class UploadLeadsTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> SmallLimit = new() { ["Upload:MaxBytes"] = "200" };

    [Fact]
    public async Task Upload_stores_a_multipart_file_field_like_curl_sends()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.UploadAsync();

        var body = response.AssertStatus(StatusCodes.Status201Created).Json();
        Assert.Equal(3, body.GetProperty("inserted").GetInt32());
        Assert.Empty(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal($"/uploads/{body.GetProperty("upload_id").GetString()}", response.Headers.Location.ToString());
        Assert.Equal("utf-8", body.GetProperty("encoding").GetString());
        Assert.Equal(3, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task Upload_stores_a_raw_text_csv_body()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.HttpAsync<UploadLeads>(Requests.Csv(TestApp.SeedCsv), async (f, r, ct) => await f.Run(r, ct));

        Assert.Equal(3, response.AssertStatus(StatusCodes.Status201Created).Json().GetProperty("inserted").GetInt32());
    }

    [Fact]
    public async Task Upload_reports_a_bad_row_with_its_line_and_stores_the_good_rows()
    {
        await using var app = await TestApp.StartAsync(azurite);
        const string csv = "name,role,company,industry\nAda,CTO,Acme,saas\nBob,CEO\nCy,VP Sales,Initech,fintech\n";

        var response = await app.UploadAsync(csv);

        var body = response.AssertStatus(StatusCodes.Status201Created).Json();
        Assert.Equal(2, body.GetProperty("inserted").GetInt32());
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("line").GetInt64());
        Assert.False(string.IsNullOrWhiteSpace(rejected.GetProperty("error").GetString()));
        Assert.Equal(2, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task Upload_rejects_a_header_that_reads_no_lead_field_listing_its_columns_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.UploadAsync("Contact,Job,Notes\nAda,CTO,saas\n");

        var problem = ProblemAssert.Problem(response, StatusCodes.Status400BadRequest);
        Assert.Contains("no column the service reads as a lead field", problem.GetProperty("detail").GetString());
        Assert.Equal(["Contact", "Job", "Notes"], problem.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("role", problem.GetProperty("fields").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Uploads));
    }

    [Fact]
    public async Task Upload_that_breaks_mid_file_deletes_what_it_wrote_and_reports_the_line()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var rows = new StringBuilder("name,role,company,industry,location,linkedin_bio\n");
        for (var i = 0; i < 1500; i++) rows.Append($"Lead {i},CEO,Company {i},saas,Berlin,{new string('b', 60)}\n");
        // 0x81 is neither UTF-8 here nor defined in Windows-1252: the file breaks at line 1502.
        var bytes = Encoding.UTF8.GetBytes(rows.ToString()).Concat(new byte[] { 0x81, 0x41, (byte)'\n' }).ToArray();

        var response = await app.HttpAsync<UploadLeads>(Requests.CsvBytes(bytes), async (f, r, ct) => await f.Run(r, ct));

        var problem = ProblemAssert.Problem(response, StatusCodes.Status400BadRequest);
        Assert.Equal(1502, problem.GetProperty("line").GetInt64());
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Uploads));
    }

    [Fact]
    public async Task Upload_without_a_file_field_returns_400()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.HttpAsync<UploadLeads>(Requests.MultipartCsv(TestApp.SeedCsv, field: "leads"), async (f, r, ct) => await f.Run(r, ct));

        var problem = ProblemAssert.Problem(response, StatusCodes.Status400BadRequest);
        Assert.Contains("'file'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Upload_rejects_json_with_415()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.HttpAsync<UploadLeads>(Requests.Json("""{"name": "Ada"}"""), async (f, r, ct) => await f.Run(r, ct));

        var problem = ProblemAssert.Problem(response, StatusCodes.Status415UnsupportedMediaType);
        Assert.Contains("text/csv", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Upload_rejects_a_declared_length_over_the_limit_with_413()
    {
        await using var app = await TestApp.StartAsync(azurite, SmallLimit);

        var response = await app.UploadAsync();

        var problem = ProblemAssert.Problem(response, StatusCodes.Status413PayloadTooLarge);
        Assert.Contains("200 bytes", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task Upload_rejects_a_streamed_body_over_the_limit_with_413_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite, SmallLimit);
        var csv = TestApp.SeedCsv + "\n" + string.Join("\n", Enumerable.Range(0, 10).Select(i => $"Lead {i},CEO,Acme,saas,Oslo,bio"));
        var request = Requests.Streamed(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "text/csv");

        var response = await app.HttpAsync<UploadLeads>(request, async (f, r, ct) => await f.Run(r, ct));

        ProblemAssert.Problem(response, StatusCodes.Status413PayloadTooLarge);
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Uploads));
    }
}
