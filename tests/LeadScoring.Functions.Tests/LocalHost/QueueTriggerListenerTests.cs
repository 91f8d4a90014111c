using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LeadScoring.LocalHost.Catalog;
using LeadScoring.LocalHost.Configuration;
using LeadScoring.LocalHost.Queues;
using LeadScoring.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace LeadScoring.Functions.Tests.LocalHost;

public sealed class QueueTriggerListenerTests(AzuriteFixture azurite)
{
    private const string QueueName = "listener-delete";
    private const int InvocationFailed = 901;
    private const int DeleteSkipped = 904;

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

    [Theory]
    [InlineData(Redelivery.NewReceipt)]
    [InlineData(Redelivery.AlreadyDeleted)]
    public async Task Listener_skips_the_delete_without_reporting_a_failure_when_the_message_was_redelivered(Redelivery redelivery)
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        var queues = new QueueServiceClient(account.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = queues.GetQueueClient(QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellation);
        await queue.SendMessageAsync("{}", cancellation);
        var logger = new FakeLogger();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var listening = Listener(account.ConnectionString, new Redeliverer(queue, redelivery), logger).RunAsync(stopping.Token);

        // Until the invocation is settled one way or the other; the test's own timeout bounds the wait.
        while (!logger.Collector.GetSnapshot().Any(record => record.Id.Id is InvocationFailed or DeleteSkipped)) await Task.Delay(50, cancellation);
        await stopping.CancelAsync();
        await listening;

        var records = logger.Collector.GetSnapshot();
        Assert.DoesNotContain(records, record => record.Id.Id == InvocationFailed || record.Level >= LogLevel.Error);
        var skipped = Assert.Single(records, record => record.Id.Id == DeleteSkipped);
        Assert.Equal(LogLevel.Warning, skipped.Level);
        Assert.Contains("already redelivered", skipped.Message);
        var poison = queues.GetQueueClient(QueueName + "-poison");
        Assert.Empty((await poison.PeekMessagesAsync(cancellationToken: cancellation)).Value);
    }

    public enum Redelivery { NewReceipt, AlreadyDeleted }

    private static QueueTriggerListener Listener(string connectionString, Redeliverer redeliverer, ILogger logger)
    {
        var method = typeof(RedeliveredWhileRunning).GetMethod(nameof(RedeliveredWhileRunning.RunAsync))!;
        var function = new QueueFunctionDescriptor(
            nameof(RedeliveredWhileRunning), typeof(RedeliveredWhileRunning), method, QueueName, "Storage", method.GetParameters()[0]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage"] = connectionString }).Build();
        var services = new ServiceCollection().AddSingleton(redeliverer).BuildServiceProvider();
        var options = new QueueHostOptions { MaxPollingInterval = TimeSpan.FromMilliseconds(200), ProcessingVisibility = TimeSpan.FromMinutes(10) };
        return new QueueTriggerListener(function, options, configuration, services, logger);
    }

    /// <summary>While the function runs, another receiver takes the message over (new pop receipt) or has already deleted it.</summary>
    internal sealed class Redeliverer(QueueClient queue, Redelivery redelivery)
    {
        public async Task RedeliverAsync(QueueMessage message, CancellationToken cancellationToken)
        {
            if (redelivery == Redelivery.NewReceipt)
            {
                // Hidden long enough that the listener does not receive it again during the test.
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromHours(1), cancellationToken: cancellationToken);
            }
            else
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
        }
    }

    internal sealed class RedeliveredWhileRunning(Redeliverer redeliverer)
    {
        public Task RunAsync(QueueMessage message, CancellationToken cancellationToken) => redeliverer.RedeliverAsync(message, cancellationToken);
    }
}
