using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Tests.Storage;

public sealed class StorageFaultsTests
{
    [Fact]
    public void Completion_is_retried_through_the_aggregate_the_storage_sdk_throws_when_its_retries_run_out()
    {
        var retriesSpent = new AggregateException(new HttpRequestException("refused"), new Azure.RequestFailedException(503, "unavailable"));

        Assert.True(StorageFaults.IsUnavailable(retriesSpent));
    }

    [Fact]
    public void Completion_is_not_retried_for_a_bug_or_a_client_error()
    {
        var mixed = new AggregateException(new HttpRequestException("refused"), new InvalidOperationException("bug"));

        Assert.False(StorageFaults.IsUnavailable(mixed));
        Assert.False(StorageFaults.IsUnavailable(new InvalidOperationException("bug")));
        Assert.False(StorageFaults.IsUnavailable(new Azure.RequestFailedException(404, "MessageNotFound")));
    }
}
