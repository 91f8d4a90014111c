using Azure.Data.Tables;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Tests.Storage;

public sealed class ResultTableTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Upsert_of_a_new_score_replaces_the_old_row_in_one_transaction()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var results = app.Get<ResultTable>();

        await results.UpsertAsync("offer-1", StoredResults.Scored("lead-1", 40, "run-1"), TestApp.Cancellation);
        await results.UpsertAsync("offer-1", StoredResults.Scored("lead-1", 85, "run-2"), TestApp.Cancellation);

        var stored = await results.GetAsync("offer-1", StoredResults.PersonOf("lead-1"), TestApp.Cancellation);
        Assert.Equal((85, "run-2"), (stored!.Scored.Score.Score, stored.RunId));
        var rows = new List<string>();
        var table = app.Get<TableServiceClient>().GetTableClient(StorageNames.Results);
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: TestApp.Cancellation)) rows.Add(row.RowKey);
        var person = StoredResults.PersonOf("lead-1");
        Assert.Equal(["person|" + person, "score|015|lead-1"], rows);
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_lead_leave_a_single_score_row()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var results = app.Get<ResultTable>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            results.UpsertAsync("offer-1", StoredResults.Scored("lead-1", 30 + i * 5, $"run-{i}"), TestApp.Cancellation)));

        var all = new List<LeadResult>();
        await foreach (var result in results.QueryAsync("offer-1", ResultFilter.All, TestApp.Cancellation)) all.Add(result);
        var single = Assert.Single(all);
        Assert.Equal((65, "run-7"), (single.Scored.Score.Score, single.RunId));
        Assert.Equal((await results.GetAsync("offer-1", StoredResults.PersonOf("lead-1"), TestApp.Cancellation))!.Scored.Score.Score, single.Scored.Score.Score);
    }

    [Fact]
    public async Task Result_from_an_older_run_does_not_replace_the_newer_one()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var results = app.Get<ResultTable>();
        await results.UpsertAsync("offer-1", StoredResults.Scored("lead-1", 85, "20261124120000000-bbbbbb"), TestApp.Cancellation);

        // A late redelivery from the run before.
        await results.UpsertAsync("offer-1", StoredResults.Scored("lead-1", 40, "20261124110000000-aaaaaa"), TestApp.Cancellation);

        var all = new List<LeadResult>();
        await foreach (var result in results.QueryAsync("offer-1", ResultFilter.All, TestApp.Cancellation)) all.Add(result);
        var single = Assert.Single(all);
        Assert.Equal((85, "20261124120000000-bbbbbb"), (single.Scored.Score.Score, single.RunId));
    }

    [Fact]
    public async Task A_person_uploaded_again_keeps_one_result_from_the_newer_upload_whichever_is_scored_last()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var results = app.Get<ResultTable>();
        var (older, newer) = (Version("20261101000000000-aaaaaa-00000002", "CEO", 85), Version("20261201000000000-bbbbbb-00000007", "VP Sales", 60));

        // One run queued both versions (a rescore): the newer upload's fields win even when the older is scored last.
        await results.UpsertAsync("offer-1", newer, TestApp.Cancellation);
        await results.UpsertAsync("offer-1", older, TestApp.Cancellation);

        var all = new List<LeadResult>();
        await foreach (var result in results.QueryAsync("offer-1", ResultFilter.All, TestApp.Cancellation)) all.Add(result);
        var single = Assert.Single(all);
        Assert.Equal(("VP Sales", 60, "20261201000000000-bbbbbb-00000007"), (single.Scored.Lead.Role, single.Scored.Score.Score, single.Scored.Lead.Id));
    }

    private static LeadResult Version(string leadId, string role, int score)
    {
        var result = StoredResults.Scored(leadId, score, "20261201120000000-cccccc");
        var lead = result.Scored.Lead with { Name = "Ada Lovelace", Role = role, Email = "ada@example.com" };
        return result with { Scored = result.Scored with { Lead = lead } };
    }
}
