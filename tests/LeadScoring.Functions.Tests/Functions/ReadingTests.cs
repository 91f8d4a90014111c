using LeadScoring.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

/// <summary>
/// Titles and industries as CRM exports write them, end to end on Azurite: the points they take, how they were read in
/// the results, the breakdown, the fallback's reasoning and the export.
/// </summary>
public sealed class ReadingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Results_and_the_export_say_how_each_title_and_industry_was_read_and_score_by_it()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        await app.UploadAsync("name,role,company,industry\n"
            + "Ada,SVP Engineering,Engines,Computer Software\n"
            + "Grace,Executive Assistant to the CEO,Navy,Hospital & Health Care\n"
            + "Jan,Geschäftsführer,Fabrik GmbH,Maschinenbau\n");
        await app.StartRunAsync();
        await app.ProcessQueuesAsync();

        var results = TestApp.Array(await app.GetResultsAsync()).ToDictionary(row => row.GetProperty("name").GetString()!);
        var export = (await app.ExportResultsAsync()).AssertStatus(StatusCodes.Status200OK).Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var ada = results["Ada"];
        Assert.Equal((15, "svp read as vp", 20, "Computer Software read as software"),
            (ada.GetProperty("breakdown").GetProperty("role_points").GetInt32(), ada.GetProperty("breakdown").GetProperty("role_keyword").GetString(),
             ada.GetProperty("breakdown").GetProperty("industry_points").GetInt32(), ada.GetProperty("breakdown").GetProperty("industry_keyword").GetString()));
        Assert.Equal(("vp", "engineering", "Software"), Reading(ada));
        Assert.Contains("senior role in engineering (svp read as vp)", ada.GetProperty("reasoning").GetString(), StringComparison.Ordinal);

        var grace = results["Grace"];
        Assert.Equal((0, 5), (grace.GetProperty("breakdown").GetProperty("role_points").GetInt32(), grace.GetProperty("breakdown").GetProperty("industry_points").GetInt32()));
        Assert.Equal(("assistant", "executive", "Healthcare"), Reading(grace));
        Assert.Contains("an assistant in the executive office", grace.GetProperty("reasoning").GetString(), StringComparison.Ordinal);

        var jan = results["Jan"];
        Assert.Equal(20, jan.GetProperty("breakdown").GetProperty("role_points").GetInt32());
        Assert.Equal(("c_level", "executive", (string?)null), Reading(jan)); // "Maschinenbau" is no label the map knows, and no keyword

        var header = export[0].Split(',');
        var adaRow = export.Single(line => line.Contains(",Ada,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(("vp", "engineering", "Software"),
            (adaRow[Array.IndexOf(header, "title_seniority")], adaRow[Array.IndexOf(header, "title_department")], adaRow[Array.IndexOf(header, "industry_category")]));
    }

    private static (string?, string?, string?) Reading(System.Text.Json.JsonElement row) =>
        (row.GetProperty("title_seniority").GetString(), row.GetProperty("title_department").GetString(), row.GetProperty("industry_category").GetString());
}
