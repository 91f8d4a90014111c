using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Pipeline;

/// <summary>
/// Carries on a run whose messages went missing. A message the listener received stays invisible for its receive
/// visibility (10 minutes, fixed in the WebJobs SDK and so on the Functions host) when the instance holding it dies or loses storage, and nothing else
/// moves it. A run that counted no lead, and that no instance marked alive (<see cref="SweepHeartbeat"/>), for
/// <see cref="SweepOptions.StallAfter"/>, while <c>score-leads</c> has no message waiting to be received, gets a fresh
/// score message for every lead its fan-out queued and nobody counted yet, and a fresh fan-out step for every upload
/// not fanned out to its end. Both are safe to repeat: a lead's marker makes a second delivery count nothing, the
/// fan-out cursor makes a second step a no-op, and a result is replaced, never added. A lead is sent again at most
/// <see cref="SweepOptions.MaxRedrives"/> times; if it still stalls its run once its first message must have come
/// back (<see cref="SweepOptions.GiveUpAfter"/>, the listener's receive visibility, after it was first sent again), it
/// is counted as failed, so no message can hold a run open for ever.
/// </summary>
public sealed class RunSweeper(
    RunTable runs, SweepTable sweeps, RunPlanner planner, PlanQueue plans, ScoreQueue scores, TimeProvider clock, IOptions<SweepOptions> options, ILogger<RunSweeper> logger)
{
    /// <summary>A start must have written its run by then: a watched run without one was never made.</summary>
    private static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(10);

    /// <summary>Leads that waited for the daily quota come back spread over up to a minute after it resets.</summary>
    private static readonly TimeSpan QuotaReturnSpread = TimeSpan.FromMinutes(1);

    private const int ParallelSends = 16;

    public async Task SweepAsync(Watched run, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stallAfter = options.Value.StallAfter;
        // A moving run costs this one query.
        var quiet = now - run.QuietSince(await runs.LastCountedAtAsync(run.Id, cancellationToken));
        if (quiet < stallAfter) return;

        // Reading the status completes a run whose last lead was counted.
        var status = await runs.GetStatusAsync(run.Id, cancellationToken);
        if (status is { CompletedAt: not null } || (status is null && now - run.Since >= StartGrace))
        {
            await sweeps.ForgetAsync(run, cancellationToken);
            return;
        }

        // Not stalled but waiting: for the daily quota (its leads come back when it resets), or behind messages that
        // live instances will receive (another run's backlog, say) before this run's.
        if (status is null || await runs.GetQuotaWaitAsync(run.Id, cancellationToken) + QuotaReturnSpread + stallAfter > now) return;
        if (await scores.HasWaitingAsync(cancellationToken)) return;
        if (await sweeps.ClaimAsync(run, 0, cancellationToken) is null) return;

        var offerId = status.OfferId;
        var fanOuts = await runs.ListFanOutsAsync(run.Id, cancellationToken);
        var counted = await runs.ListCountedAsync(run.Id, cancellationToken);
        var redrives = await runs.GetRedrivesAsync(run.Id, cancellationToken);
        var resend = new List<(ScoreLeadMessage Message, int Times, DateTimeOffset FirstAt)>();
        var givenUp = new List<string>();
        foreach (var fanOut in fanOuts.Where(fanOut => fanOut.NextLine > 1))
        {
            foreach (var row in await planner.ListQueuedAsync(fanOut.UploadId, 1, fanOut.NextLine - 1, cancellationToken))
            {
                if (counted.Contains(row.Lead.Id)) continue;
                var (times, firstAt) = redrives.TryGetValue(row.Lead.Id, out var earlier) ? (earlier.Times + 1, earlier.FirstAt) : (1, now);
                if (times <= options.Value.MaxRedrives) resend.Add((ScoreLeadMessage.For(run.Id, offerId, row.Lead), times, firstAt));
                else if (now - firstAt >= options.Value.GiveUpAfter) givenUp.Add(row.Lead.Id);
            }
        }

        // Runs started before the cursors carried the upload's end have no step to resend; their leads are resent.
        var steps = fanOuts.Where(fanOut => fanOut is { Finished: false, LastLine: not null })
            .Select(fanOut => new PlanLeadsMessage(run.Id, offerId, fanOut.UploadId, fanOut.NextLine, fanOut.LastLine!.Value, Expected: fanOut.Expected))
            .ToList();

        // Recorded before they go: a sweep cut off half-way still counts them against the bound.
        if (!await runs.RecordSweepAsync(run.Id, [.. resend.Select(lead => (lead.Message.LeadId, lead.Times, lead.FirstAt))], steps.Count, cancellationToken)) return;
        logger.RunSwept(run.Id, quiet, resend.Count, steps.Count, givenUp.Count);
        await Parallel.ForEachAsync(resend, new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
            async (lead, token) => await scores.SendAsync(lead.Message, token));
        foreach (var step in steps) await plans.SendAsync(step, cancellationToken);

        if (givenUp.Count == 0) return;
        foreach (var leadId in givenUp)
        {
            var lastError = await runs.GetAttemptErrorAsync(run.Id, leadId, cancellationToken);
            var error = $"The lead was sent again {options.Value.MaxRedrives} times after its run stalled and was never scored."
                + (lastError is null ? "" : $" Last error: {lastError}");
            await runs.CountAsync(run.Id, leadId, LeadOutcome.Failed, error, cancellationToken);
        }

        await runs.CompleteIfDoneAsync(run.Id, cancellationToken);
    }
}
