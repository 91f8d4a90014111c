using LeadScoring.LocalHost.Queues;

namespace LeadScoring.Functions.Tests.LocalHost;

public sealed class QueueTriggerListenerTests
{
    [Fact]
    public void Listener_keeps_polling_through_the_aggregate_the_storage_sdk_throws_when_its_retries_run_out()
    {
        var retriesSpent = new AggregateException(new HttpRequestException("refused"), new Azure.RequestFailedException(503, "unavailable"));

        Assert.True(QueueTriggerListener.IsStorageFault(retriesSpent));
    }

    [Fact]
    public void Listener_does_not_swallow_a_bug_wrapped_with_storage_faults()
    {
        var mixed = new AggregateException(new HttpRequestException("refused"), new InvalidOperationException("bug"));

        Assert.False(QueueTriggerListener.IsStorageFault(mixed));
        Assert.False(QueueTriggerListener.IsStorageFault(new InvalidOperationException("bug")));
    }
}
