using LeadScoring.Scoring.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

/// <summary>
/// Runs and background imports that stalled (their messages held by an instance that died or lost storage) get them
/// again; see <see cref="Sweeper"/>. Idle, a sweep is one storage query.
/// </summary>
public sealed class SweepStalledWork(Sweeper sweeper)
{
    /// <summary>Every five seconds (NCRONTAB with seconds): a run stalled for Sweep:StallAfter (30 s) is swept within 35 s.</summary>
    public const string Schedule = "*/5 * * * * *";

    [Function(nameof(SweepStalledWork))]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}
