using System.Collections.Concurrent;
using System.Threading.Channels;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Pipeline;

/// <summary>
/// Completes runs in the background: a scorer that counted a lead asks for a check, and at most one check per run
/// is pending per process, run <see cref="RunOptions.CompletionCheckInterval"/> after it was asked for, instead of
/// reading the run and its 16 shards after every lead. The work is tracked (a channel and this hosted service), so
/// it stops with the host; a check that never ran loses nothing, since the status call completes a finished run too.
/// </summary>
public sealed class RunCompletion(RunTable runs, IOptions<RunOptions> options, TimeProvider clock, ILogger<RunCompletion> logger) : BackgroundService
{
    private readonly Channel<(string RunId, DateTimeOffset Due)> requests =
        Channel.CreateUnbounded<(string RunId, DateTimeOffset Due)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> pending = new(StringComparer.Ordinal);

    public void Request(string runId)
    {
        if (pending.TryAdd(runId, 0)) requests.Writer.TryWrite((runId, clock.GetUtcNow() + options.Value.CompletionCheckInterval));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every request waits the same interval, so the queue is in due order and one reader suffices.
        await foreach (var (runId, due) in requests.Reader.ReadAllAsync(stoppingToken))
        {
            if (due > clock.GetUtcNow()) await Task.Delay(due - clock.GetUtcNow(), clock, stoppingToken);
            // Leads counted from here on ask for a check of their own.
            pending.TryRemove(runId, out _);
            try
            {
                await runs.CompleteIfDoneAsync(runId, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.CompletionCheckFailed(runId, e);
            }
        }
    }
}
