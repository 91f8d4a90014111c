using System.Globalization;
using System.Text;
using System.Text.Json;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

/// <summary>
/// Every row a lead, on Azurite: rows that only share a name and company are kept apart (and listed), a row with no
/// identity is still scored, a run queues only current versions, a file says which scoring input it lacks, and every
/// file read is an upload.
/// </summary>
public sealed class EveryRowTests(AzuriteFixture azurite)
{
    private const string Header = "name,role,company,industry,location\n";

    [Fact]
    public async Task Three_people_with_one_name_at_one_company_are_three_leads_listed_as_possible_duplicates_and_three_results()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        var file = Header + "Role probe,CEO,Acme,saas,NY\nRole probe,Intern,Acme,saas,LA\nRole probe,VP Sales,Acme,saas,SF\n";

        var answer = (await app.UploadAsync(file)).AssertStatus(StatusCodes.Status201Created).Json();
        var run = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();
        var results = TestApp.Array(await app.GetResultsAsync());

        Assert.Equal((3, 0), (answer.GetProperty("inserted").GetInt32(), answer.GetProperty("duplicates_total").GetInt32()));
        Assert.Equal(2, answer.GetProperty("possible_duplicates_total").GetInt32());
        var possible = answer.GetProperty("possible_duplicates").EnumerateArray().ToList();
        Assert.Equal([(3L, 2L), (4L, 2L)], possible.Select(p => (p.GetProperty("line").GetInt64(), p.GetProperty("same_as_line").GetInt64())));
        Assert.Equal(("Intern", "CEO"), (possible[0].GetProperty("row").GetProperty("role").GetString(), possible[0].GetProperty("same_as").GetProperty("role").GetString()));
        Assert.Contains("different role, location", possible[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, run.GetProperty("queued").GetInt32());
        Assert.Equal(["CEO", "Intern", "VP Sales"], results.Select(r => r.GetProperty("role").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(3, results.Select(r => r.GetProperty("person_id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task A_thousand_rows_with_fifty_same_name_pairs_store_a_thousand_leads_and_the_same_file_again_is_all_unchanged()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var file = new StringBuilder(Header);
        for (var i = 0; i < 1000; i++)
        {
            // Rows 900-999 repeat the names and companies of rows 0-49 (as pairs), with another title and city.
            var person = i >= 950 ? i - 950 : i;
            file.Append(CultureInfo.InvariantCulture, $"Person {person},{(i >= 950 ? "Analyst" : "Director")},Company {person % 97},software,City {i}\n");
        }

        var first = (await app.UploadAsync(file.ToString())).AssertStatus(StatusCodes.Status201Created).Json();
        var again = (await app.UploadAsync(file.ToString())).AssertStatus(StatusCodes.Status201Created).Json();

        Assert.Equal((1000, 0, 0), Counts(first));
        Assert.Equal(50, first.GetProperty("possible_duplicates_total").GetInt32());
        Assert.Equal(0, first.GetProperty("duplicates_total").GetInt32());
        Assert.Equal((0, 0, 1000), Counts(again)); // every row is its own stored person, found again by the very same row
        Assert.Equal(1000, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task A_name_and_company_re_identifies_the_one_person_stored_with_them_but_never_one_of_several()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.UploadAsync(Header + "Jane Roe,Manager,Initech,software,Austin\nRole probe,CEO,Acme,saas,NY\nRole probe,Intern,Acme,saas,LA\n");

        // Jane has one stored version: a new title updates her. Two people are stored as "Role probe" at Acme: a third
        // row of that name is not guessed to be either.
        var later = (await app.UploadAsync(Header + "Jane Roe,Director,Initech,software,Austin\nRole probe,CFO,Acme,saas,Boston\n"))
            .AssertStatus(StatusCodes.Status201Created).Json();

        Assert.Equal((1, 1, 0), Counts(later));
        var kept = Assert.Single(later.GetProperty("possible_duplicates").EnumerateArray());
        Assert.Equal((3L, JsonValueKind.Null), (kept.GetProperty("line").GetInt64(), kept.GetProperty("same_as_line").ValueKind));
        Assert.Contains("2 people stored before", kept.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, later.GetProperty("possible_duplicates_total").GetInt32());
    }

    [Fact]
    public async Task A_row_with_only_a_role_and_an_industry_is_stored_with_a_warning_and_scored_with_fewer_completeness_points()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();

        var answer = (await app.UploadAsync(Header + "John Smith,CEO,TechCorp,saas,SF\n,CTO,,software,\n,,,,\n")).AssertStatus(StatusCodes.Status201Created).Json();
        await app.StartRunAsync();
        await app.ProcessQueuesAsync();
        var results = TestApp.Array(await app.GetResultsAsync());

        Assert.Equal(2, answer.GetProperty("inserted").GetInt32());
        Assert.Equal(0, answer.GetProperty("rejected_total").GetInt32()); // the blank row is skipped, not rejected
        var warning = Assert.Single(answer.GetProperty("warnings").EnumerateArray());
        Assert.Equal(3, warning.GetProperty("line").GetInt32());
        Assert.Contains("stored as a lead of its own", warning.GetProperty("error").GetString(), StringComparison.Ordinal);
        var anonymous = Assert.Single(results, r => r.GetProperty("role").GetString() == "CTO");
        Assert.Equal(4, anonymous.GetProperty("breakdown").GetProperty("completeness_points").GetInt32()); // role and industry of five
    }

    [Fact]
    public async Task A_row_with_no_lead_field_is_rejected_and_says_so()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var answer = (await app.UploadAsync("name,role,notes\nAda,CTO,x\n,,only a note\n")).AssertStatus(StatusCodes.Status201Created).Json();

        var rejected = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("line").GetInt32());
        Assert.Contains("none of the lead's fields", rejected.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_re_upload_updating_a_hundred_people_makes_the_next_run_queue_exactly_the_current_versions()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync(People(0, 200, "Manager"));
        var first = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();

        var update = (await app.UploadAsync(People(0, 100, "Director"))).AssertStatus(StatusCodes.Status201Created).Json();
        var second = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();
        // A rescore queues every person once, the newest version of each: 200, not 300.
        var rescore = (await app.StartScoringAsync("""{"rescore": true}""")).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();
        var rescoreStatus = (await app.GetRunAsync(rescore.GetProperty("run_id").GetString()!)).Json();
        var results = TestApp.Array(await app.GetResultsAsync("?limit=1000"));

        Assert.Equal(200, first.GetProperty("queued").GetInt32());
        Assert.Equal((0, 100, 0), Counts(update));
        Assert.Equal(100, second.GetProperty("queued").GetInt32());
        Assert.Equal(200, rescore.GetProperty("queued").GetInt32());
        Assert.Equal((200, 200, 0, true), (rescoreStatus.GetProperty("queued").GetInt32(), rescoreStatus.GetProperty("scored").GetInt32(),
            rescoreStatus.GetProperty("failed").GetInt32(), rescoreStatus.GetProperty("done").GetBoolean()));
        Assert.Equal(200, results.Length);
        Assert.Equal(100, results.Count(r => r.GetProperty("role").GetString() == "Director"));
    }

    [Fact]
    public async Task Two_uploads_started_together_queue_each_person_once_in_its_newest_version()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync(People(0, 2, "Manager"));
        await app.UploadAsync(People(1, 1, "Director"));

        var run = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();
        var status = (await app.GetRunAsync(run.GetProperty("run_id").GetString()!)).Json();
        var results = TestApp.Array(await app.GetResultsAsync());

        Assert.Equal(2, run.GetProperty("queued").GetInt32());
        Assert.Equal((2, 2, true), (status.GetProperty("queued").GetInt32(), status.GetProperty("scored").GetInt32(), status.GetProperty("done").GetBoolean()));
        Assert.Equal(["Director", "Manager"], results.Select(r => r.GetProperty("role").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_run_whose_replacing_upload_is_deleted_before_its_fan_out_scores_the_older_version_and_still_completes()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync(People(0, 2, "Manager"));
        var replacing = (await app.UploadAsync(People(1, 1, "Director"))).Json().GetProperty("upload_id").GetString()!;
        var run = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();

        // The run counted on person 1's newest version; its upload goes before anything is fanned out.
        (await app.HttpAsync<DeleteUpload>(Requests.Empty("DELETE"), async (f, r, ct) => await f.Run(r, replacing, ct))).AssertStatus(StatusCodes.Status200OK);
        await app.ProcessQueuesAsync();
        var status = (await app.GetRunAsync(run.GetProperty("run_id").GetString()!)).Json();
        var results = TestApp.Array(await app.GetResultsAsync());

        Assert.Equal(2, run.GetProperty("queued").GetInt32());
        Assert.Equal((2, 2, true), (status.GetProperty("queued").GetInt32(), status.GetProperty("scored").GetInt32(), status.GetProperty("done").GetBoolean()));
        Assert.Equal(["Manager", "Manager"], results.Select(r => r.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task A_version_replaced_after_its_run_started_is_passed_over_and_the_run_stops_waiting_for_it()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync(People(0, 2, "Manager"));
        var run = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();

        // Person 1 is updated before the run fans out: the outdated version costs no scoring; the next run scores the new one.
        await app.UploadAsync(People(1, 1, "Director"));
        await app.ProcessQueuesAsync();
        var status = (await app.GetRunAsync(run.GetProperty("run_id").GetString()!)).Json();
        var next = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();

        Assert.Equal(2, run.GetProperty("queued").GetInt32());
        Assert.Equal((1, 1, true), (status.GetProperty("queued").GetInt32(), status.GetProperty("scored").GetInt32(), status.GetProperty("done").GetBoolean()));
        Assert.Equal(1, next.GetProperty("queued").GetInt32());
    }

    [Fact]
    public async Task A_file_with_no_role_column_says_so_once_with_the_mapping_that_fixes_it_in_the_answer_the_dry_run_and_the_upload()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var file = "name,company,industry,Position Held\nAda,Engines,software,CTO\n";

        var preview = (await app.HttpAsync<UploadLeads>(Requests.MultipartCsvWithFields(file, ("dry_run", "true")), async (f, r, ct) => await f.Run(r, ct)))
            .AssertStatus(StatusCodes.Status200OK).Json();
        var answer = (await app.UploadAsync(file)).AssertStatus(StatusCodes.Status201Created).Json();
        var upload = (await GetUploadAsync(app, answer.GetProperty("upload_id").GetString()!)).Json();

        foreach (var warnings in new[] { preview, answer, upload.GetProperty("findings") }.Select(body => body.GetProperty("file_warnings")))
        {
            var warning = Assert.Single(warnings.EnumerateArray());
            Assert.Equal("role", warning.GetProperty("field").GetString());
            Assert.Equal("""{"role": "Position Held"}""", warning.GetProperty("suggested_mapping").GetString());
            Assert.Contains("0 of the 20 role points", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, answer.GetProperty("warnings_total").GetInt32()); // said once for the file, not on every row
    }

    [Fact]
    public async Task A_file_with_neither_role_nor_industry_columns_names_both_and_a_header_with_no_lead_field_is_refused()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var answer = (await app.UploadAsync("email\nada@engines.test\n")).AssertStatus(StatusCodes.Status201Created).Json();
        var refused = await app.UploadAsync("foo,bar\n1,2\n");

        Assert.Equal(["name", "role", "company", "industry"], answer.GetProperty("file_warnings").EnumerateArray().Select(w => w.GetProperty("field").GetString()));
        Assert.All(answer.GetProperty("file_warnings").EnumerateArray(), w => Assert.Equal(JsonValueKind.Null, w.GetProperty("suggested_mapping").ValueKind));
        Assert.Contains("no column the service reads as a lead field", ProblemAssert.Problem(refused, StatusCodes.Status400BadRequest).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await app.CountEntitiesAsync(StorageNames.Leads)); // the refused file stored nothing
    }

    [Fact]
    public async Task A_file_of_only_unchanged_and_repeated_rows_is_an_upload_with_its_counts_and_findings_and_is_listed()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var file = Header + "Ada,CTO,Engines,software,London\nAda,CTO,Engines,software,London\n";
        await app.UploadAsync(file);

        var again = (await app.UploadAsync(file)).AssertStatus(StatusCodes.Status201Created).Json();
        var id = again.GetProperty("upload_id").GetString()!;
        var upload = (await GetUploadAsync(app, id)).AssertStatus(StatusCodes.Status200OK).Json();
        var listed = TestApp.Array(await app.HttpAsync<ListUploads>(Requests.Get(), async (f, r, ct) => await f.Run(r, ct)));

        Assert.Equal((0, 0, 1), Counts(again));
        Assert.Equal(("imported", 1, 1), (upload.GetProperty("status").GetString(), upload.GetProperty("unchanged").GetInt32(), upload.GetProperty("duplicates").GetInt32()));
        var duplicate = Assert.Single(upload.GetProperty("findings").GetProperty("duplicates").EnumerateArray());
        Assert.Equal(3, duplicate.GetProperty("line").GetInt32());
        Assert.Contains(listed, u => u.GetProperty("upload_id").GetString() == id);
        Assert.Equal(2, listed.Length);
    }

    [Fact]
    public async Task A_background_import_re_identifies_keeps_apart_and_replaces_versions_across_its_steps_as_an_inline_one_does()
    {
        // Inline up to 1 row, parts of 100: the rows below are two background steps, the two Sam Poe rows one in each.
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Upload:InlineMaxRows"] = "1", ["Upload:PartRows"] = "100" });
        await app.CreateOfferIdAsync();
        const string header = "name,role,company,industry,location,email\n";
        await app.UploadAsync(header + "Jane Roe,Manager,Initech,software,Austin,\n");
        await app.UploadAsync(header + "Person 0,Manager,Company 0,software,,person0@example.test\n");
        await app.UploadAsync(header + "Role probe,CEO,Acme,saas,NY,\nRole probe,Intern,Acme,saas,LA,\nPerson 1,Manager,Company 1,software,,person1@example.test\n");
        var fillers = string.Concat(Enumerable.Range(100, 100).Select(i => string.Create(CultureInfo.InvariantCulture, $"Filler {i},Analyst,Company {i},software,,filler{i}@example.test\n")));

        var answer = (await app.UploadAsync(header
            + "Jane Roe,Director,Initech,software,Austin,\n"          // 2: the one Jane Roe at Initech: updated
            + "Role probe,CFO,Acme,saas,Boston,\n"                    // 3: two stored at Acme: a new lead, kept apart
            + "Sam Poe,Analyst,Globex,saas,Paris,\n"                  // 4 and 105: one name, two rows, two parts: two leads
            + fillers                                                 // 5-104
            + "Sam Poe,Manager,Globex,saas,Rome,\n"
            + "Person 0,Director,Company 0,software,,person0@example.test\n"   // 106, 107: updated by email
            + "Person 1,Director,Company 1,software,,person1@example.test\n")).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();
        var id = answer.GetProperty("upload_id").GetString()!;
        var upload = (await GetUploadAsync(app, id)).Json();
        var run = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();
        var results = TestApp.Array(await app.GetResultsAsync("limit=1000"));

        Assert.Equal((103, 3, 0), Counts(upload));
        Assert.Equal(2, upload.GetProperty("possible_duplicates").GetInt32());
        Assert.Equal(
            [(3L, (long?)null), (105L, 4L)],
            upload.GetProperty("findings").GetProperty("possible_duplicates").EnumerateArray()
                .Select(p => (p.GetProperty("line").GetInt64(), p.GetProperty("same_as_line").ValueKind == JsonValueKind.Null ? null : (long?)p.GetProperty("same_as_line").GetInt64()))
                .OrderBy(pair => pair.Item1));
        Assert.Equal(108, run.GetProperty("queued").GetInt32()); // 5 stored before + 106 now, less the 3 versions replaced
        Assert.Equal(108, results.Length);
        Assert.Equal(["Director", "Director", "Director"], results.Where(r => r.GetProperty("name").GetString() is "Jane Roe" or "Person 0" or "Person 1").Select(r => r.GetProperty("role").GetString()));
    }

    /// <summary>People numbered from <paramref name="first"/>, identified by email, with one title.</summary>
    private static string People(int first, int count, string role)
    {
        var file = new StringBuilder("name,role,company,industry,email\n");
        for (var i = first; i < first + count; i++) file.Append(CultureInfo.InvariantCulture, $"Person {i},{role},Company {i},software,person{i}@example.test\n");
        return file.ToString();
    }

    private static Task<TestResponse> GetUploadAsync(TestApp app, string id) =>
        app.HttpAsync<GetUpload>(Requests.Get(), async (f, r, ct) => await f.Run(r, id, ct));

    private static (int Inserted, int Updated, int Unchanged) Counts(JsonElement answer) =>
        (answer.GetProperty("inserted").GetInt32(), answer.GetProperty("updated").GetInt32(), answer.GetProperty("unchanged").GetInt32());
}
