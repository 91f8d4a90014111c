using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using LeadScoring.Functions.Tests.Reliability;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.LocalHost.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadScoring.Functions.Tests.LocalHost;

/// <summary>
/// On shutdown no receive may be cut off after the server dequeued its batch (those messages would stay hidden for the
/// listener's 10-minute receive visibility), so the gate lets receives in flight finish and sends no later one.
/// </summary>
public sealed class QueueReceiveGateTests(AzuriteFixture azurite)
{
    private readonly CancellationToken cancellation = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_receive_after_the_gate_closed_is_never_sent_so_the_message_stays_visible(bool synchronous)
    {
        await using var account = await azurite.RentAccountAsync(cancellation);
        var gate = new QueueReceiveGate(NullLogger<QueueReceiveGate>.Instance);
        var (gated, plain) = await QueuesAsync(account, gate);
        await plain.SendMessageAsync("lead", cancellation);

        await gate.StoppingAsync(cancellation);
        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => synchronous
            ? Task.Run(() => gated.ReceiveMessages(16, TimeSpan.FromMinutes(10), stopping.Token), cancellation)
            : gated.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(10), stopping.Token));

        var message = Assert.Single((await plain.ReceiveMessagesAsync(16, cancellationToken: cancellation)).Value);
        Assert.Equal(1, message.DequeueCount); // nobody had taken it
    }

    [Fact]
    public async Task Closing_waits_for_a_receive_in_flight_which_gets_its_batch()
    {
        await using var account = await azurite.RentAccountAsync(cancellation);
        var gate = new QueueReceiveGate(NullLogger<QueueReceiveGate>.Instance);
        var slow = new SlowReceive();
        var (gated, plain) = await QueuesAsync(account, gate, slow);
        await plain.SendMessageAsync("lead", cancellation);

        var receive = gated.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(10), cancellation);
        await slow.Entered.Task.WaitAsync(cancellation);
        var closing = gate.StoppingAsync(cancellation);
        Assert.False(closing.IsCompleted);

        Assert.Single((await receive).Value);
        await closing.WaitAsync(TimeSpan.FromSeconds(10), cancellation);
    }

    [Fact]
    public async Task Closing_stops_waiting_for_a_stuck_receive_after_the_drain_timeout()
    {
        await using var account = await azurite.RentAccountAsync(cancellation);
        var gate = new QueueReceiveGate(NullLogger<QueueReceiveGate>.Instance);
        var stuck = new SlowReceive(Timeout.InfiniteTimeSpan);
        var (gated, _) = await QueuesAsync(account, gate, stuck);
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var receive = gated.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(10), receiving.Token);
        await stuck.Entered.Task.WaitAsync(cancellation);

        // As with storage down: the receive never ends by itself, and the stop must not wait for it.
        await gate.StoppingAsync(cancellation).WaitAsync(QueueReceiveGate.DrainTimeout * 3, cancellation);
        Assert.False(receive.IsCompleted);
        await receiving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive);
    }

    [Fact]
    public async Task Sends_peeks_releases_and_deletes_pass_a_closed_gate()
    {
        await using var account = await azurite.RentAccountAsync(cancellation);
        var gate = new QueueReceiveGate(NullLogger<QueueReceiveGate>.Instance);
        var (gated, plain) = await QueuesAsync(account, gate);
        await gate.StoppingAsync(cancellation);

        await gated.SendMessageAsync("lead", cancellation);
        Assert.Single((await gated.PeekMessagesAsync(16, cancellation)).Value);
        var taken = Assert.Single((await plain.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(10), cancellation)).Value);
        var released = await gated.UpdateMessageAsync(taken.MessageId, taken.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellation);
        var again = Assert.Single((await plain.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(10), cancellation)).Value);
        Assert.Equal(taken.MessageId, again.MessageId);
        Assert.NotNull(released.Value.PopReceipt);
        await gated.DeleteMessageAsync(again.MessageId, again.PopReceipt, cancellation);
        Assert.Empty((await plain.PeekMessagesAsync(16, cancellation)).Value);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_local_host_puts_the_gate_on_the_queue_clients_the_sdk_builds_and_closes_it_on_stop()
    {
        await using var account = await azurite.RentAccountAsync(cancellation);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.NoAi);
        await host.StopAsync();

        // The SDK's QueueServiceClientProvider takes its options from this factory.
        var options = (QueueClientOptions)host.Services.GetRequiredService<AzureComponentFactory>().CreateClientOptions(typeof(QueueClientOptions), null, null);
        var gated = new QueueClient(account.ConnectionString, "gate-wiring", options);
        var plain = new QueueClient(account.ConnectionString, "gate-wiring");
        await plain.CreateIfNotExistsAsync(cancellationToken: cancellation);
        await plain.SendMessageAsync("lead", cancellation);

        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gated.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(10), stopping.Token));
        Assert.Equal(1, Assert.Single((await plain.ReceiveMessagesAsync(16, cancellationToken: cancellation)).Value).DequeueCount);
    }

    private async Task<(QueueClient Gated, QueueClient Plain)> QueuesAsync(AzuriteAccountLease account, QueueReceiveGate gate, HttpPipelinePolicy? after = null)
    {
        var options = new QueueClientOptions();
        options.AddPolicy(gate, HttpPipelinePosition.PerCall);
        if (after is not null) options.AddPolicy(after, HttpPipelinePosition.PerRetry);
        var gated = new QueueClient(account.ConnectionString, "gate", options);
        var plain = new QueueClient(account.ConnectionString, "gate");
        await plain.CreateIfNotExistsAsync(cancellationToken: cancellation);
        return (gated, plain);
    }

    /// <summary>Holds a receive on its way to the server long enough for the gate to close behind it.</summary>
    private sealed class SlowReceive(TimeSpan hold) : HttpPipelinePolicy
    {
        public SlowReceive()
            : this(TimeSpan.FromMilliseconds(500))
        {
        }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (QueueReceiveGate.IsReceive(message.Request))
            {
                Entered.TrySetResult();
                await Task.Delay(hold, message.CancellationToken);
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
