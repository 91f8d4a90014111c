using System.Text;
using System.Text.Json;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

/// <summary>Real files through the API on Azurite: CRM exports as they are, mappings, encodings, uploads listed and deleted.</summary>
public sealed class CrmFileTests(AzuriteFixture azurite)
{
    private const string ApolloExport =
        "First Name,Last Name,Title,Company,Company Name for Emails,Email,Email Status,Seniority,Departments,First Phone,Industry,Person Linkedin Url,Website,City,State,Country,Apollo Contact Id\r\n"
        + "Ada,Lovelace,CTO,Analytical Engines,Analytical Engines,ada@engines.test,Verified,c_suite,Engineering,+44 20 7946 0000,software,https://www.linkedin.com/in/ada,engines.test,London,England,United Kingdom,ap-1\r\n"
        + "Grace,Hopper,Growth Hacker,Navy Labs,Navy Labs,grace@navy.test,Verified,vp,Marketing,,government,https://www.linkedin.com/in/grace,navy.test,Arlington,Virginia,United States,ap-2\r\n";

    [Fact]
    public async Task An_apollo_export_uploaded_unchanged_is_scored_and_its_results_carry_the_crm_columns()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();

        var upload = (await app.UploadAsync(ApolloExport)).AssertStatus(StatusCodes.Status201Created).Json();
        await app.StartRunAsync();
        await app.ProcessQueuesAsync();
        var results = (await app.GetResultsAsync()).AssertStatus(StatusCodes.Status200OK).Json().EnumerateArray().ToDictionary(r => r.GetProperty("record_id").GetString()!);
        var export = (await app.ExportResultsAsync()).AssertStatus(StatusCodes.Status200OK).Body;

        Assert.Equal(2, upload.GetProperty("inserted").GetInt32());
        var columns = upload.GetProperty("columns");
        Assert.Equal(("First Name + Last Name", "Title", "City, State, Country", "Apollo Contact Id"),
            (columns.GetProperty("name").GetString(), columns.GetProperty("role").GetString(), columns.GetProperty("location").GetString(), columns.GetProperty("record_id").GetString()));
        var ada = results["ap-1"];
        Assert.Equal(("Ada Lovelace", "CTO", "ada@engines.test", "https://www.linkedin.com/in/ada"),
            (ada.GetProperty("name").GetString(), ada.GetProperty("role").GetString(), ada.GetProperty("email").GetString(), ada.GetProperty("linkedin_url").GetString()));
        Assert.Equal(("cto", 20), (ada.GetProperty("breakdown").GetProperty("role_keyword").GetString(), ada.GetProperty("breakdown").GetProperty("role_points").GetInt32()));
        // "Growth Hacker" matches no keyword: Apollo's seniority "vp" gives the senior points, and says so.
        var grace = results["ap-2"];
        Assert.Equal(("seniority: vp", 15), (grace.GetProperty("breakdown").GetProperty("role_keyword").GetString(), grace.GetProperty("breakdown").GetProperty("role_points").GetInt32()));
        Assert.Contains(",ap-1,ada@engines.test,\"'+44 20 7946 0000\",https://www.linkedin.com/in/ada,engines.test,c_suite,Engineering\r\n", export);
    }

    [Fact]
    public async Task A_dry_run_shows_the_first_rows_as_they_would_be_stored_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var csv = ApolloExport + string.Concat(Enumerable.Range(0, 20).Select(i => $"P{i},Q,Owner,Co {i},Co,x@y.test,,,,,saas,,,,,,\r\n"));

        var response = await app.HttpAsync<UploadLeads>(Requests.MultipartCsvWithFields(csv, ("dry_run", "true")), async (f, r, ct) => await f.Run(r, ct));

        var preview = response.AssertStatus(StatusCodes.Status200OK).Json();
        Assert.True(preview.GetProperty("dry_run").GetBoolean());
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(10, rows.Count);
        Assert.Equal((2L, "Ada Lovelace", "ap-1"), (rows[0].GetProperty("line").GetInt64(), rows[0].GetProperty("lead").GetProperty("name").GetString(), rows[0].GetProperty("lead").GetProperty("record_id").GetString()));
        Assert.Equal("First Name + Last Name", preview.GetProperty("columns").GetProperty("name").GetString());
        Assert.Contains("Apollo Contact Id", preview.GetProperty("file_columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Uploads));
    }

    [Fact]
    public async Task A_dry_run_of_a_refused_header_lists_its_columns_and_one_with_a_mapping_shows_the_mapped_rows()
    {
        await using var app = await TestApp.StartAsync(azurite);
        const string csv = "Contact,Job,Org\nAda Lovelace,CTO,Analytical Engines\n";

        var refused = await app.HttpAsync<UploadLeads>(Requests.CsvWithQuery(Encoding.UTF8.GetBytes(csv), "dry_run=1"), async (f, r, ct) => await f.Run(r, ct));
        var mapped = await app.HttpAsync<UploadLeads>(
            Requests.CsvWithQuery(Encoding.UTF8.GetBytes(csv), "dry_run=1&mapping=" + Uri.EscapeDataString("""{"name": "Contact", "role": "Job", "company": "Org"}""")),
            async (f, r, ct) => await f.Run(r, ct));

        var problem = ProblemAssert.Problem(refused, StatusCodes.Status400BadRequest);
        Assert.Equal(["Contact", "Job", "Org"], problem.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var lead = Assert.Single(mapped.AssertStatus(StatusCodes.Status200OK).Json().GetProperty("rows").EnumerateArray()).GetProperty("lead");
        Assert.Equal(("Ada Lovelace", "CTO", "Analytical Engines"), (lead.GetProperty("name").GetString(), lead.GetProperty("role").GetString(), lead.GetProperty("company").GetString()));
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task A_mapping_in_the_query_or_a_form_field_names_the_columns_recognition_does_not_know()
    {
        await using var app = await TestApp.StartAsync(azurite);
        const string csv = "Contact,Job,Employer,Vertical\nAda Lovelace,CTO,Analytical Engines,software\n";
        const string mapping = """{"name": "Contact", "role": "job", "company": "Employer", "industry": "Vertical"}""";

        var byQuery = await app.HttpAsync<UploadLeads>(
            Requests.CsvWithQuery(Encoding.UTF8.GetBytes(csv), "mapping=" + Uri.EscapeDataString(mapping)), async (f, r, ct) => await f.Run(r, ct));
        var byForm = await app.HttpAsync<UploadLeads>(
            Requests.MultipartCsvWithFields(csv.Replace("Ada Lovelace", "Grace Hopper", StringComparison.Ordinal), ("mapping", mapping)), async (f, r, ct) => await f.Run(r, ct));

        foreach (var response in new[] { byQuery, byForm })
        {
            var columns = response.AssertStatus(StatusCodes.Status201Created).Json().GetProperty("columns");
            Assert.Equal(("Contact", "Job", "Employer", "Vertical"),
                (columns.GetProperty("name").GetString(), columns.GetProperty("role").GetString(), columns.GetProperty("company").GetString(), columns.GetProperty("industry").GetString()));
        }

        Assert.Equal(2, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Theory]
    [InlineData("""{"title": "Job"}""", "fields that do not exist: title")]
    [InlineData("""{"role": "Position"}""", "role → 'Position'")]
    [InlineData("""["role"]""", "not a JSON object of strings")]
    public async Task A_mapping_that_cannot_apply_is_a_400_that_says_why_and_stores_nothing(string mapping, string expected)
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.HttpAsync<UploadLeads>(
            Requests.CsvWithQuery("name,Job\nAda,CTO\n"u8.ToArray(), "mapping=" + Uri.EscapeDataString(mapping)), async (f, r, ct) => await f.Run(r, ct));

        var problem = ProblemAssert.Problem(response, StatusCodes.Status400BadRequest);
        Assert.Contains(expected, problem.GetRawText().Replace("\\u2192", "→", StringComparison.Ordinal).Replace("\\u0027", "'", StringComparison.Ordinal));
        Assert.Equal(0, await app.CountEntitiesAsync(StorageNames.Leads));
    }

    [Fact]
    public async Task An_excel_file_in_windows_1252_or_utf16_is_read_and_the_answer_names_the_encoding()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("name;role;company;industry\r\nJosé Núñez;Directeur Général;Société Générale;finance\r\n");
        var utf16 = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        byte[] unicodeText = [.. utf16.GetPreamble(), .. utf16.GetBytes("name\trole\tcompany\tindustry\r\nZoë Ångström\tCEO\tMalmö AB\tsaas\r\n")];

        var latin = (await app.HttpAsync<UploadLeads>(Requests.CsvBytes(windows1252), async (f, r, ct) => await f.Run(r, ct))).AssertStatus(StatusCodes.Status201Created).Json();
        var unicode = (await app.HttpAsync<UploadLeads>(Requests.CsvBytes(unicodeText), async (f, r, ct) => await f.Run(r, ct))).AssertStatus(StatusCodes.Status201Created).Json();
        await app.CreateOfferIdAsync();
        await app.StartRunAsync();
        await app.ProcessQueuesAsync();
        var names = (await app.GetResultsAsync()).Json().EnumerateArray().Select(r => r.GetProperty("name").GetString()).Order();

        Assert.Equal(("windows-1252", "utf-16le"), (latin.GetProperty("encoding").GetString(), unicode.GetProperty("encoding").GetString()));
        Assert.Equal(["José Núñez", "Zoë Ångström"], names);
    }

    [Fact]
    public async Task A_row_with_a_blank_name_or_identifying_no_one_is_stored_with_a_warning()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var body = (await app.UploadAsync("name,role,company,industry\n,CTO,Acme,saas\n,CEO,,saas\nBob,CEO,Beta,saas\n")).AssertStatus(StatusCodes.Status201Created).Json();

        Assert.Equal(3, body.GetProperty("inserted").GetInt32());
        Assert.Equal([2L, 3L], body.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("line").GetInt64()));
        Assert.Empty(body.GetProperty("rejected").EnumerateArray());
    }

    [Fact]
    public async Task Uploads_are_listed_newest_first_with_their_file_name_and_counts()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var first = (await app.UploadAsync()).Json().GetProperty("upload_id").GetString()!;
        var second = (await app.HttpAsync<UploadLeads>(Requests.MultipartCsvWithFields(ApolloExport + "broken\r\n"), async (f, r, ct) => await f.Run(r, ct))).Json().GetProperty("upload_id").GetString()!;

        var list = (await app.HttpAsync<ListUploads>(Requests.Get(), (f, r, ct) => f.Run(r, ct).ContinueWith(t => (IResult)t.Result, ct))).AssertStatus(StatusCodes.Status200OK).Json();
        var one = (await app.HttpAsync<GetUpload>(Requests.Get(), async (f, r, ct) => await f.Run(r, second, ct))).AssertStatus(StatusCodes.Status200OK).Json();
        var missing = await app.HttpAsync<GetUpload>(Requests.Get(), async (f, r, ct) => await f.Run(r, "20990101000000000-abcdef", ct));

        Assert.Equal([second, first], list.EnumerateArray().Select(u => u.GetProperty("upload_id").GetString()));
        Assert.Equal(("export.csv", 2, 1, "utf-8"), (one.GetProperty("file_name").GetString(), one.GetProperty("inserted").GetInt32(), one.GetProperty("rejected").GetInt32(), one.GetProperty("encoding").GetString()));
        Assert.Equal("leads.csv", list[1].GetProperty("file_name").GetString());
        ProblemAssert.Problem(missing, StatusCodes.Status404NotFound);
    }

    [Fact]
    public async Task Deleting_an_upload_removes_its_leads_and_their_results_for_every_offer_and_nothing_else()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offers = new[] { await app.CreateOfferIdAsync(), await app.CreateOfferIdAsync() };
        var kept = (await app.UploadAsync()).Json().GetProperty("upload_id").GetString()!;
        var deleted = (await app.UploadAsync(ApolloExport)).Json().GetProperty("upload_id").GetString()!;
        foreach (var offer in offers) await app.StartRunAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["offer_id"] = offer }));
        await app.ProcessQueuesAsync();
        var resultsBefore = await ResultIdsAsync(app, offers);

        var response = (await app.HttpAsync<DeleteUpload>(Requests.Empty("DELETE"), async (f, r, ct) => await f.Run(r, deleted, ct))).AssertStatus(StatusCodes.Status200OK).Json();
        var again = await app.HttpAsync<DeleteUpload>(Requests.Empty("DELETE"), async (f, r, ct) => await f.Run(r, deleted, ct));

        Assert.Equal((2, 4), (response.GetProperty("leads_deleted").GetInt32(), response.GetProperty("results_deleted").GetInt32()));
        ProblemAssert.Problem(again, StatusCodes.Status404NotFound);
        Assert.Equal(resultsBefore.Where(id => id.StartsWith(kept, StringComparison.Ordinal)).Order(), (await ResultIdsAsync(app, offers)).Order());
        Assert.Equal(3, await app.CountEntitiesAsync(StorageNames.Leads));
        Assert.Equal(2 * 3 * 2, await app.CountEntitiesAsync(StorageNames.Results)); // pointer + score row, per lead and offer
        // The kept upload and its claims stay; the deleted one leaves no row behind.
        var uploads = (await app.HttpAsync<ListUploads>(Requests.Get(), (f, r, ct) => f.Run(r, ct).ContinueWith(t => (IResult)t.Result, ct))).Json();
        Assert.Equal([kept], uploads.EnumerateArray().Select(u => u.GetProperty("upload_id").GetString()));
        Assert.Equal(1 + offers.Length, await app.CountEntitiesAsync(StorageNames.Uploads));
        // A new run queues nothing of it.
        Assert.Equal(0, (await app.StartScoringAsync()).Json().GetProperty("queued").GetInt32());
    }

    private static async Task<List<string>> ResultIdsAsync(TestApp app, IEnumerable<string> offers)
    {
        var ids = new List<string>();
        foreach (var offer in offers)
        {
            ids.AddRange((await app.GetResultsAsync("offer_id=" + offer)).Json().EnumerateArray().Select(r => offer + "/" + r.GetProperty("lead_id").GetString()));
        }

        return ids.Select(id => id[(id.IndexOf('/') + 1)..]).ToList();
    }
}
