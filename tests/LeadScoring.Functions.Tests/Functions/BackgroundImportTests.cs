using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage;
using LeadScoring.Scoring.Storage.Rows;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;

namespace LeadScoring.Functions.Tests.Functions;

/// <summary>
/// Files past the inline size, on Azurite: read and staged in Blob Storage while the request waits, answered 202, and
/// stored in the background a part per step; redelivered and replayed steps store nothing twice; a step that cannot
/// go on fails the upload and removes what it stored; a file over the row limit is refused before anything is stored.
/// </summary>
public sealed class BackgroundImportTests(AzuriteFixture azurite)
{
    private const string Header = "name,role,company,industry,location,linkedin_bio,email\n";

    // Small sizes so a few hundred rows make several parts: inline up to 50 accepted rows, parts of 100.
    private static readonly Dictionary<string, string?> SmallParts = new()
    {
        ["Upload:InlineMaxRows"] = "50",
        ["Upload:PartRows"] = "100",
    };

    [Fact]
    public async Task A_file_over_the_inline_size_answers_202_imports_in_the_background_and_is_scored_once_imported()
    {
        await using var app = await TestApp.StartAsync(azurite, SmallParts);
        await app.CreateOfferIdAsync();
        // 350 people, a row with too few fields (line 5) and a repeat of the person on line 2 (line 100).
        var csv = new StringBuilder(Header).Append(Rows(1, 3)).Append("Broken,CEO\n").Append(Rows(4, 97))
            .Append(Row(1)).Append(Rows(98, 350)).ToString();

        var answer = await app.UploadAsync(csv);

        answer.AssertStatus(StatusCodes.Status202Accepted);
        var body = answer.Json();
        var uploadId = body.GetProperty("upload_id").GetString()!;
        Assert.Equal($"/uploads/{uploadId}", answer.Headers.Location.ToString());
        Assert.Equal("importing", body.GetProperty("status").GetString());
        Assert.Equal(350, body.GetProperty("rows").GetInt64());
        Assert.Equal(0, body.GetProperty("inserted").GetInt32());
        Assert.Equal(5, Assert.Single(body.GetProperty("rejected").EnumerateArray()).GetProperty("line").GetInt64());
        Assert.Equal(100, Assert.Single(body.GetProperty("duplicates").EnumerateArray()).GetProperty("line").GetInt64());
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));

        // Listed while it imports, with what the read found; a run started now does not count it.
        var importing = (await GetUploadAsync(app, uploadId)).AssertStatus(StatusCodes.Status200OK).Json();
        Assert.Equal("importing", importing.GetProperty("status").GetString());
        Assert.Equal(0, importing.GetProperty("rows_imported").GetInt64());
        Assert.Equal(5, importing.GetProperty("findings").GetProperty("rejected")[0].GetProperty("line").GetInt64());
        var early = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();
        Assert.Equal(0, early.GetProperty("queued").GetInt32());

        await app.ProcessQueuesAsync();

        var imported = (await GetUploadAsync(app, uploadId)).AssertStatus(StatusCodes.Status200OK).Json();
        Assert.Equal("imported", imported.GetProperty("status").GetString());
        Assert.Equal((350, 0, 0), Counts(imported));
        Assert.Equal(350, imported.GetProperty("rows_imported").GetInt64());
        Assert.Equal(350, await app.CountEntitiesAsync(StorageNames.Leads));
        Assert.Equal([$"{uploadId}/findings.json"], await BlobNamesAsync(app, uploadId)); // the staged parts are gone

        var run = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();
        var status = (await app.GetRunAsync(run.GetProperty("run_id").GetString()!)).Json();
        Assert.Equal(350, run.GetProperty("queued").GetInt32());
        Assert.Equal(350, status.GetProperty("scored").GetInt32());
        Assert.Equal(350, TestApp.Array((await app.GetResultsAsync("limit=1000")).AssertStatus(StatusCodes.Status200OK)).Length);
    }

    [Fact]
    public async Task The_inline_size_is_the_boundary_at_most_it_is_stored_while_the_request_waits_one_more_row_goes_to_the_background()
    {
        await using var app = await TestApp.StartAsync(azurite, SmallParts);

        var inline = (await app.UploadAsync(Header + Rows(1, 50))).AssertStatus(StatusCodes.Status201Created).Json();
        var background = (await app.UploadAsync(Header + Rows(101, 151))).AssertStatus(StatusCodes.Status202Accepted).Json();

        Assert.Equal("imported", inline.GetProperty("status").GetString());
        Assert.Equal(50, inline.GetProperty("inserted").GetInt32());
        Assert.Equal("importing", background.GetProperty("status").GetString());
        Assert.Equal(50, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task A_step_repeated_after_a_crash_and_a_step_delivered_twice_store_each_row_once_and_count_it_once()
    {
        await using var app = await TestApp.StartAsync(azurite, SmallParts);
        var uploadId = (await app.UploadAsync(Header + Rows(1, 350))).AssertStatus(StatusCodes.Status202Accepted).Json()
            .GetProperty("upload_id").GetString()!;
        var table = app.Get<TableServiceClient>().GetTableClient(StorageNames.Uploads);
        var handler = app.Get<ImportStepHandler>();

        // Step 0 stores part 0 and sends step 1; then the host dies before the part is recorded (its row goes back).
        await app.Queues.DeliverAsync<ImportLeadsMessage>(StorageNames.ImportLeads, app.Function<ImportLeads>().Run, TestApp.Cancellation);
        var before = (await table.GetEntityAsync<UploadRow>("upload", uploadId, cancellationToken: TestApp.Cancellation)).Value;
        before.PartsDone = 0;
        before.Inserted = 0;
        await table.UpdateEntityAsync(before, Azure.ETag.All, TableUpdateMode.Replace, TestApp.Cancellation);
        // A restart loses the matching the process held; step 0 comes again (the queue still holds step 1).
        ((MemoryCache)app.Get<IMemoryCache>()).Compact(1.0);
        await handler.HandleAsync(new ImportLeadsMessage(uploadId, 0), TestApp.Cancellation);
        // And step 2 is delivered twice.
        await app.Get<ImportQueue>().SendAsync(new ImportLeadsMessage(uploadId, 2), TestApp.Cancellation);
        await app.ProcessQueuesAsync();

        var imported = (await GetUploadAsync(app, uploadId)).Json();
        Assert.Equal("imported", imported.GetProperty("status").GetString());
        Assert.Equal((350, 0, 0), Counts(imported));
        Assert.Equal(350, await app.CountEntitiesAsync(StorageNames.Leads));
        Assert.Empty(app.Queues.Failures);

        // The index holds the 350 people: the same file again is 350 unchanged, and stores nothing.
        var again = (await app.UploadAsync(Header + Rows(1, 350))).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();
        var second = (await GetUploadAsync(app, again.GetProperty("upload_id").GetString()!)).Json();
        Assert.Equal((0, 0, 350), Counts(second));
        Assert.Equal(350, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task A_step_that_cannot_go_on_fails_the_upload_with_the_reason_and_removes_what_it_stored()
    {
        await using var app = await TestApp.StartAsync(azurite, SmallParts);
        await app.CreateOfferIdAsync();
        var kept = (await app.UploadAsync(Header + Rows(1000, 1002))).AssertStatus(StatusCodes.Status201Created).Json();
        var uploadId = (await app.UploadAsync(Header + Rows(1, 350))).AssertStatus(StatusCodes.Status202Accepted).Json()
            .GetProperty("upload_id").GetString()!;

        // Parts 0 and 1 are stored; then part 2 of the staged file is lost.
        await app.Queues.DeliverAsync<ImportLeadsMessage>(StorageNames.ImportLeads, app.Function<ImportLeads>().Run, TestApp.Cancellation);
        await app.Queues.DeliverAsync<ImportLeadsMessage>(StorageNames.ImportLeads, app.Function<ImportLeads>().Run, TestApp.Cancellation);
        Assert.Equal(203, await app.CountEntitiesAsync(StorageNames.Leads));
        await Container(app).DeleteBlobAsync($"{uploadId}/part-00002.json.gz", cancellationToken: TestApp.Cancellation);
        await app.ProcessQueuesAsync();

        var failed = (await GetUploadAsync(app, uploadId)).AssertStatus(StatusCodes.Status200OK).Json();
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("Part 3 of the staged file is missing", failed.GetProperty("failure").GetString());
        Assert.Equal(3, await app.CountEntitiesAsync(StorageNames.Leads)); // only the other upload's
        Assert.Equal([$"{uploadId}/findings.json"], await BlobNamesAsync(app, uploadId));
        var run = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();
        Assert.Equal(3, run.GetProperty("queued").GetInt32());

        // A failed upload can be deleted, and with it what is left of it.
        (await app.HttpAsync<DeleteUpload>(Requests.Empty("DELETE"), async (f, r, ct) => await f.Run(r, uploadId, ct))).AssertStatus(StatusCodes.Status200OK);
        (await GetUploadAsync(app, uploadId)).AssertStatus(StatusCodes.Status404NotFound);
        Assert.Empty(await BlobNamesAsync(app, uploadId));
        (await GetUploadAsync(app, kept.GetProperty("upload_id").GetString()!)).AssertStatus(StatusCodes.Status200OK);
    }

    [Fact]
    public async Task A_step_the_host_gave_up_on_fails_the_upload_and_an_importing_upload_cannot_be_deleted()
    {
        await using var app = await TestApp.StartAsync(azurite, SmallParts);
        var uploadId = (await app.UploadAsync(Header + Rows(1, 150))).AssertStatus(StatusCodes.Status202Accepted).Json()
            .GetProperty("upload_id").GetString()!;

        var delete = await app.HttpAsync<DeleteUpload>(Requests.Empty("DELETE"), async (f, r, ct) => await f.Run(r, uploadId, ct));
        Assert.Contains("still being imported", ProblemAssert.Problem(delete, StatusCodes.Status409Conflict).GetProperty("detail").GetString());

        await app.Function<ImportLeadsPoison>().Run(new ImportLeadsMessage(uploadId, 0), TestApp.Cancellation);
        await app.ProcessQueuesAsync(); // the step still queued finds the upload failed and stores nothing

        var failed = (await GetUploadAsync(app, uploadId)).Json();
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("failed repeatedly", failed.GetProperty("failure").GetString());
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task A_file_one_row_over_the_limit_is_refused_before_anything_is_stored_and_leaves_nothing()
    {
        var settings = new Dictionary<string, string?>(SmallParts) { ["LeadCsv:MaxRows"] = "1000" };
        await using var app = await TestApp.StartAsync(azurite, settings);

        var answer = await app.UploadAsync(Header + Rows(1, 1001));

        Assert.Contains("more than 1,000 data rows", ProblemAssert.Problem(answer, StatusCodes.Status400BadRequest).GetProperty("detail").GetString());
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Uploads));
        Assert.Empty(await BlobNamesAsync(app, ""));
    }

    [Fact]
    public async Task A_file_whose_staging_fails_part_way_surfaces_the_storage_fault_and_stores_no_lead()
    {
        await using var app = await TestApp.StartAsync(azurite, SmallParts);
        // No part can be committed: the container is gone. Parts of 100 and 6,000 rows: the first part fails while
        // the file is still being read, with more rows waiting than the stager holds, so a reader that waited on it would hang.
        await Container(app).DeleteAsync(cancellationToken: TestApp.Cancellation);

        var fault = await Assert.ThrowsAsync<RequestFailedException>(() => app.UploadAsync(Header + Rows(1, 6000)));

        Assert.Equal(404, fault.Status); // the storage's own answer, not the stager's channel closing
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_file_of_1000001_rows_is_refused_as_soon_as_it_is_read_and_stores_no_lead()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var csv = new StringBuilder("name,role,company\n", 12_000_000);
        for (var i = 1; i <= 1_000_001; i++) csv.Append(CultureInfo.InvariantCulture, $"P{i},CEO,C{i}\n");

        var answer = await app.UploadAsync(csv.ToString());

        Assert.Contains("1,000,000", ProblemAssert.Problem(answer, StatusCodes.Status400BadRequest).GetProperty("detail").GetString());
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Uploads));
        Assert.Empty(await BlobNamesAsync(app, ""));
    }

    private static Task<TestResponse> GetUploadAsync(TestApp app, string uploadId) =>
        app.HttpAsync<GetUpload>(Requests.Get(), async (f, r, ct) => await f.Run(r, uploadId, ct));

    private static BlobContainerClient Container(TestApp app) => app.Get<BlobServiceClient>().GetBlobContainerClient(StorageNames.Imports);

    private static async Task<List<string>> BlobNamesAsync(TestApp app, string uploadId)
    {
        var names = new List<string>();
        await foreach (var blob in Container(app).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = uploadId }, TestApp.Cancellation)) names.Add(blob.Name);
        return names;
    }

    private static (int Inserted, int Updated, int Unchanged) Counts(JsonElement upload) =>
        (upload.GetProperty("inserted").GetInt32(), upload.GetProperty("updated").GetInt32(), upload.GetProperty("unchanged").GetInt32());

    private static string Rows(int first, int last) =>
        string.Concat(Enumerable.Range(first, last - first + 1).Select(Row));

    private static string Row(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"Person {i},VP Sales,Company {i},saas,Berlin,Sells software,p{i}@example.test\n");
}
