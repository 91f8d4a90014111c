using System.Collections.Concurrent;
using LeadScoring.Scoring.Runs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Tells the sweeper that work is alive although it counts nothing for a while: a scoring that waits for Gemini's
/// rate limiter, or a part of a large import that takes longer than <see cref="SweepOptions.StallAfter"/> to store.
/// Invocations say what they work on (<see cref="Enter"/>); every third of <see cref="SweepOptions.StallAfter"/> this
/// process marks each such run or import alive in <see cref="SweepTable"/>. An instance that died marks nothing, so
/// only work nobody holds any more goes quiet.
/// </summary>
public sealed class SweepHeartbeat(SweepTable sweeps, IOptions<SweepOptions> options, TimeProvider clock) : BackgroundService
{
    private readonly ConcurrentDictionary<(string Kind, string Id), int> inFlight = new();

    /// <summary>Work on <paramref name="id"/> is in flight in this process until the returned scope ends.</summary>
    public IDisposable Enter(string kind, string id)
    {
        inFlight.AddOrUpdate((kind, id), 1, (_, count) => count + 1);
        return new Leaving(this, (kind, id));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StallAfter / 3, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (key, count) in inFlight)
            {
                if (count == 0)
                {
                    inFlight.TryRemove(new KeyValuePair<(string, string), int>(key, 0));
                    continue;
                }

                try
                {
                    await sweeps.TouchAsync(key.Kind, key.Id, stoppingToken);
                }
                catch (Exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // Storage away (the SDK gives up with an AggregateException too): the work cannot count either,
                    // and the next beat tries again. A beat must never end the loop, or live work would be swept.
                }
            }
        }
    }

    private sealed class Leaving(SweepHeartbeat heartbeat, (string Kind, string Id) key) : IDisposable
    {
        public void Dispose() => heartbeat.inFlight.AddOrUpdate(key, 0, (_, count) => count - 1);
    }
}
