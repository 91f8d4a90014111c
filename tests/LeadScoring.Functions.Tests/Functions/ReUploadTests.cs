using System.Text.Json;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

/// <summary>Each person once, on Azurite: re-uploads update instead of adding, repeats within a file are stored once, results are per person.</summary>
public sealed class ReUploadTests(AzuriteFixture azurite)
{
    private const string Header = "name,role,company,industry,location,linkedin_bio,email\n";
    private const string Ada = "Ada Lovelace,CTO,Analytical Engines,software,London,Mathematician,ada@engines.test\n";
    private const string Grace = "Grace Hopper,Engineer,Navy Labs,government,Arlington,Compilers,grace@navy.test\n";
    private const string Alan = "Alan Turing,Researcher,Bletchley,research,Bletchley,Codebreaker,\n";

    [Fact]
    public async Task The_same_file_twice_stores_its_people_once_and_the_second_upload_reports_them_unchanged()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var file = Header + Ada + Grace + Alan;

        var first = (await app.UploadAsync(file)).AssertStatus(StatusCodes.Status201Created).Json();
        var second = (await app.UploadAsync(file)).AssertStatus(StatusCodes.Status201Created).Json();

        Assert.Equal((3, 0, 0), Counts(first));
        Assert.Equal((0, 0, 3), Counts(second));
        Assert.NotEqual(first.GetProperty("upload_id").GetString(), second.GetProperty("upload_id").GetString()); // an upload of its own, storing nothing
        Assert.Equal(3, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task A_new_title_for_the_same_email_updates_the_person_rescores_only_them_and_leaves_one_result_with_the_new_title()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync(Header + Ada + Grace + Alan);
        await app.StartRunAsync();
        await app.ProcessQueuesAsync();

        // A month later: Ada is VP Research now (the email written differently), Grace and Alan are as they were.
        var again = (await app.UploadAsync(Header + "Ada Lovelace,VP Research,Analytical Engines,software,London,Mathematician, ADA@Engines.test \n" + Grace + Alan))
            .AssertStatus(StatusCodes.Status201Created).Json();
        var run = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();
        var results = (await app.GetResultsAsync()).AssertStatus(StatusCodes.Status200OK).Json().EnumerateArray().ToList();

        Assert.Equal((0, 1, 2), Counts(again));
        Assert.Equal(1, run.GetProperty("queued").GetInt32()); // the unchanged two cost no scoring and no AI call
        Assert.Equal(3, results.Count);
        Assert.Equal(3, results.Select(r => r.GetProperty("person_id").GetString()).Distinct().Count());
        var ada = Assert.Single(results, r => r.GetProperty("name").GetString() == "Ada Lovelace");
        Assert.Equal("VP Research", ada.GetProperty("role").GetString());
        Assert.StartsWith(again.GetProperty("upload_id").GetString()! + "-", ada.GetProperty("lead_id").GetString(), StringComparison.Ordinal);
        Assert.Equal(3 * 2, await app.CountEntitiesAsync(StorageNames.Results));
    }

    [Fact]
    public async Task A_rescore_after_a_re_upload_holds_each_person_once_with_the_newest_fields()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync(Header + Ada + Grace);
        await app.UploadAsync(Header + Ada.Replace("CTO", "Intern", StringComparison.Ordinal));

        // Both uploads queued in one run: the older version of Ada is scored too, and must not win.
        await app.StartRunAsync("""{"rescore": true}""");
        await app.ProcessQueuesAsync();
        var results = (await app.GetResultsAsync()).Json().EnumerateArray().ToList();

        Assert.Equal(2, results.Count);
        Assert.Equal("Intern", Assert.Single(results, r => r.GetProperty("name").GetString() == "Ada Lovelace").GetProperty("role").GetString());
    }

    [Fact]
    public async Task Rows_repeating_a_person_in_one_file_are_reported_with_the_line_they_repeat_and_stored_once()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var file = Header + Ada + Alan
            + "Ada L.,CTO,Analytical Engines,software,London,Another bio,Ada@Engines.TEST\n" // same email
            + "alan  turing,Researcher,BLETCHLEY,research,bletchley,codebreaker,\n"         // the same row, no email
            + "Alan Turing,Professor,Bletchley,research,Manchester,,\n";                  // same name and company only

        var upload = (await app.UploadAsync(file)).AssertStatus(StatusCodes.Status201Created).Json();

        Assert.Equal((3, 0, 0), Counts(upload));
        Assert.Equal(2, upload.GetProperty("duplicates_total").GetInt32());
        var duplicates = upload.GetProperty("duplicates").EnumerateArray().Select(d => (d.GetProperty("line").GetInt64(), d.GetProperty("error").GetString())).ToList();
        Assert.Equal(
            [(4L, "the row repeats the person on line 2 (the same email); it is stored once"),
             (5L, "the row repeats the person on line 3 (the same row: every field is equal); it is stored once")],
            duplicates);
        var possible = Assert.Single(upload.GetProperty("possible_duplicates").EnumerateArray());
        Assert.Equal((6L, 3L), (possible.GetProperty("line").GetInt64(), possible.GetProperty("same_as_line").GetInt64()));
        Assert.Equal(3, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task Deleting_the_upload_that_updated_a_person_falls_back_to_their_earlier_version()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.UploadAsync(Header + Ada);
        var update = (await app.UploadAsync(Header + Ada.Replace("CTO", "CEO", StringComparison.Ordinal))).Json().GetProperty("upload_id").GetString()!;

        (await app.HttpAsync<DeleteUpload>(Requests.Empty("DELETE"), async (f, r, ct) => await f.Run(r, update, ct))).AssertStatus(StatusCodes.Status200OK);
        var original = (await app.UploadAsync(Header + Ada)).Json();

        // The first version is Ada's again: uploading it once more changes nothing.
        Assert.Equal((0, 0, 1), Counts(original));
        Assert.Equal(1, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task A_file_refused_part_way_leaves_no_one_known_so_its_people_are_new_next_time()
    {
        await using var app = await TestApp.StartAsync(azurite);
        // A NUL byte past the first 64 KiB is a file-level error found after the rows before it went to storage.
        var refused = await app.UploadAsync(Header + Ada + Grace + string.Concat(Enumerable.Range(0, 4000).Select(i => $"P{i},CEO,Co{i},saas,,,p{i}@co.test\n")) + "Bad\0row,x,y,z,,,\n");

        ProblemAssert.Problem(refused, StatusCodes.Status400BadRequest);
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.People));
        Assert.Equal((2, 0, 0), Counts((await app.UploadAsync(Header + Ada + Grace)).AssertStatus(StatusCodes.Status201Created).Json()));
    }

    [Fact]
    public async Task Two_uploads_of_the_same_people_at_once_both_land_and_leave_each_person_once_in_the_index_and_the_results()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        // Enough people to touch most of the index's partitions, so the two saves meet on the same groups.
        var file = Header + string.Concat(Enumerable.Range(0, 600).Select(i => $"Person {i},CEO,Co {i},saas,Oslo,Bio,p{i}@co.test\n"));

        var uploads = await Task.WhenAll(app.UploadAsync(file), app.UploadAsync(file));
        await app.StartRunAsync();
        await app.ProcessQueuesAsync();
        var results = (await app.GetResultsAsync()).Json().EnumerateArray().ToList();
        var third = (await app.UploadAsync(file)).Json();

        // Each stored its people, or found the other's already committed (then all unchanged); PersonMatcherTests
        // makes the two saves meet for certain.
        Assert.All(uploads, upload => Assert.Contains(upload.Status, new[] { StatusCodes.Status201Created, StatusCodes.Status200OK }));
        Assert.Equal(600, results.Select(r => r.GetProperty("person_id").GetString()).Distinct().Count());
        Assert.Equal(600, results.Count);
        // Whichever save came second read the first one's groups again and applied over them: the index knows everyone.
        Assert.Equal((0, 0, 600), Counts(third));
    }

    private static (int Inserted, int Updated, int Unchanged) Counts(JsonElement upload) =>
        (upload.GetProperty("inserted").GetInt32(), upload.GetProperty("updated").GetInt32(), upload.GetProperty("unchanged").GetInt32());
}
