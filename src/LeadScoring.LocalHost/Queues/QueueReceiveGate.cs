using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadScoring.LocalHost.Queues;

/// <summary>
/// Closes the queue listeners' receive calls before the WebJobs host stops them. The listener receives with a
/// 10-minute visibility and, on stop, cancels the receive it has in flight: the server has then dequeued the batch but
/// nobody will process or release it, so a restarted host waits 10 minutes for those leads. On stopping (before any
/// hosted service stops) this gate lets the receives in flight finish, so their messages are dispatched and released
/// as usual, and holds every later receive unsent until the listener cancels it. Sends, deletes and releases pass.
/// </summary>
internal sealed partial class QueueReceiveGate(ILogger<QueueReceiveGate> logger) : HttpPipelinePolicy, IHostedLifecycleService
{
    private readonly Lock gate = new();
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool closed;
    private int inFlight;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!IsReceive(message.Request))
        {
            ProcessNext(message, pipeline);
            return;
        }

        if (!TryEnter())
        {
            message.CancellationToken.WaitHandle.WaitOne();
            message.CancellationToken.ThrowIfCancellationRequested();
        }

        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Leave();
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!IsReceive(message.Request))
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        if (!TryEnter())
        {
            // Never sent: it ends when the stopping listener cancels it.
            await Task.Delay(Timeout.Infinite, message.CancellationToken);
            return;
        }

        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Closes the gate and waits for the receives in flight, at most <see cref="DrainTimeout"/>.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        int receiving;
        lock (gate)
        {
            closed = true;
            receiving = inFlight;
            if (inFlight == 0) drained.TrySetResult();
        }

        LogClosing(receiving);
        try
        {
            await drained.Task.WaitAsync(DrainTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Storage is unreachable and the receive is stuck in its retries: nothing it could still dequeue is worth
            // holding the shutdown for, so the listener cancels it as it would without the gate.
        }
    }

    /// <summary>How long a stop waits for receives in flight: a healthy one takes milliseconds.</summary>
    internal static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Get Messages: <c>GET {queue}/messages</c> without <c>peekonly</c> (a peek takes nothing).</summary>
    internal static bool IsReceive(Request request) =>
        request.Method == RequestMethod.Get
        && request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal)
        && !request.Uri.Query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase);

    private bool TryEnter()
    {
        lock (gate)
        {
            if (closed) return false;
            inFlight++;
            return true;
        }
    }

    private void Leave()
    {
        lock (gate)
        {
            if (--inFlight == 0 && closed) drained.TrySetResult();
        }
    }

    [LoggerMessage(EventId = 920, Level = LogLevel.Information, Message = "Queue receives closed for shutdown; waiting for {Receiving} in flight")]
    private partial void LogClosing(int receiving);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
