using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;

namespace LeadScoring.Functions.Tests.Storage;

public sealed class RunTableTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Counting_in_parallel_counts_every_lead_once_and_completes_the_run()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var runs = app.Get<RunTable>();
        await runs.CreateAsync("run-1", "offer-1", 40, TestApp.Cancellation);
        var leads = Enumerable.Range(0, 40).Select(i => $"lead-{i}").ToList();

        var counted = await Task.WhenAll(leads.Concat(leads).Select(async (leadId, i) =>
        {
            var outcome = i % 10 == 0 ? LeadOutcome.Failed : LeadOutcome.Scored;
            var first = await runs.CountAsync("run-1", leadId, outcome, outcome == LeadOutcome.Failed ? "boom" : null, TestApp.Cancellation);
            await runs.CompleteIfDoneAsync("run-1", TestApp.Cancellation);
            return first;
        }));

        var status = await runs.GetStatusAsync("run-1", TestApp.Cancellation);
        Assert.Equal(40, counted.Count(c => c));
        Assert.Equal(40, status!.Scored + status.Failed);
        Assert.Equal(status.Failed, status.Failures.Count);
        Assert.True(status.Done);
        Assert.NotNull(status.CompletedAt);
    }

    [Fact]
    public async Task Run_with_nothing_queued_is_complete_at_once()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var runs = app.Get<RunTable>();

        await runs.CreateAsync("run-1", "offer-1", 0, TestApp.Cancellation);

        var status = await runs.GetStatusAsync("run-1", TestApp.Cancellation);
        Assert.True(status!.Done);
        Assert.Equal(status.CreatedAt, status.CompletedAt);
    }
}
