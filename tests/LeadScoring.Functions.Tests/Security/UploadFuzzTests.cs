using System.Text;
using CsCheck;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Security;

/// <summary>
/// Random files through <c>POST /leads/upload</c> (raw and multipart, complete and cut off): never a 500, only
/// 200 with exactly the reported rows stored, or a 400/413 problem with nothing stored.
/// </summary>
public sealed class UploadFuzzTests(AzuriteFixture azurite)
{
    private const string Header = "name,role,company,industry,location,linkedin_bio\n";
    private const int MaxBytes = 8 * 1024;

    private static readonly byte[][] TextTokens =
        new[] { ",", ";", "\"", "\r\n", "\n", " ", "Ada", "CEO", "saas", "é", "=cmd|' /C calc'!A0" }.Select(Encoding.UTF8.GetBytes).ToArray();

    private static readonly byte[][] BadBytes = [[0x00], [0xFF], [0xED, 0xA0, 0x80]];

    private static readonly Gen<byte[]> Soup = Gen.Int[0, TextTokens.Length - 1].Array[0, 300]
        .Select(picks => Encoding.UTF8.GetBytes(Header).Concat(picks.SelectMany(i => TextTokens[i])).ToArray());

    private static readonly Gen<byte[]> Files = Gen.OneOf(
        Gen.Byte.Array[0, 1_024],
        Soup,
        Gen.Select(Soup, Gen.Int[0, BadBytes.Length - 1], Gen.Double[0, 1])
            .Select((soup, bad, at) => soup[..(int)(at * soup.Length)].Concat(BadBytes[bad]).Concat(soup[(int)(at * soup.Length)..]).ToArray()),
        Gen.Int[1, 40].Select(rows => Encoding.UTF8.GetBytes(Header + string.Concat(Enumerable.Repeat("Ada,CEO,Acme,saas,Oslo,Builds\n", rows)) + "Bob,CFO\n")),
        // Over the (lowered) size limit, to reach the streaming 413.
        Gen.Int[MaxBytes / 30, MaxBytes / 10].Select(rows => Encoding.UTF8.GetBytes(Header + string.Concat(Enumerable.Repeat("Ada,CEO,Acme,saas,Oslo,Builds\n", rows)))));

    [Fact(Timeout = 120_000)]
    public async Task Upload_of_random_files_answers_201_with_what_it_stored_or_a_problem_with_nothing_stored()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Upload:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var statuses = new HashSet<int>();

        await Gen.Select(Files, Gen.Int[0, 2]).SampleAsync(
            async (file, shape) =>
            {
                var leads = await app.CountEntitiesAsync(StorageNames.Leads);
                var uploads = await app.CountEntitiesAsync(StorageNames.Uploads);
                var request = shape switch
                {
                    0 => Requests.Streamed(new MemoryStream(file), "text/csv"),
                    1 => Multipart(file, closed: true),
                    _ => Multipart(file, closed: false),
                };

                var response = await app.HttpAsync<UploadLeads>(request, async (f, r, ct) => await f.Run(r, ct));

                statuses.Add(response.Status);
                if (response.Status is StatusCodes.Status201Created)
                {
                    // Every file read is an upload, also one that stored nothing.
                    var inserted = response.Json().GetProperty("inserted").GetInt32();
                    Assert.Equal(leads + inserted, await app.CountEntitiesAsync(StorageNames.Leads));
                    Assert.Equal(uploads + 1, await app.CountEntitiesAsync(StorageNames.Uploads));
                }
                else
                {
                    Assert.Contains(response.Status, new[] { StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge });
                    ProblemAssert.Problem(response, response.Status);
                    Assert.Equal((leads, uploads), (await app.CountEntitiesAsync(StorageNames.Leads), await app.CountEntitiesAsync(StorageNames.Uploads)));
                }
            },
            iter: 80,
            threads: 1);

        // The generators must reach every outcome, or the sample proves less than it claims.
        Assert.Equal([201, 400, 413], statuses.Order());
    }

    private static HttpRequest Multipart(byte[] file, bool closed)
    {
        var head = Encoding.UTF8.GetBytes(
            $"--{Requests.Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\nContent-Type: text/csv\r\n\r\n");
        var tail = Encoding.UTF8.GetBytes(closed ? $"\r\n--{Requests.Boundary}--\r\n" : "");
        return Requests.Streamed(new MemoryStream([.. head, .. file, .. tail]), $"multipart/form-data; boundary={Requests.Boundary}");
    }
}
