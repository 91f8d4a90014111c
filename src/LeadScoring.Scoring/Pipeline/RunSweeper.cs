using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Pipeline;

/// <summary>
/// Carries on a run whose messages went missing. A message the listener received stays invisible for its receive
/// visibility (10 minutes) when the instance holding it dies or loses storage, and nothing else moves it. A run that
/// counted no lead for <see cref="SweepOptions.StallAfter"/> gets a fresh score message for every lead its fan-out
/// queued and nobody counted yet, and a fresh fan-out step for every upload not fanned out to its end. Both are safe
/// to repeat: a lead's marker makes a second delivery count nothing, the fan-out cursor makes a second step a no-op,
/// and a result is replaced, never added. A lead sent again <see cref="SweepOptions.MaxRedrives"/> times that still
/// stalls its run is counted as failed, so no message can hold a run open for ever.
/// </summary>
public sealed class RunSweeper(
    RunTable runs, SweepTable sweeps, RunPlanner planner, PlanQueue plans, ScoreQueue scores, TimeProvider clock, IOptions<SweepOptions> options, ILogger<RunSweeper> logger)
{
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
        if (status is { CompletedAt: not null } || (status is null && now - run.Since >= stallAfter))
        {
            await sweeps.ForgetAsync(run, cancellationToken);
            return;
        }

        // Its leads wait for Gemini's daily quota on purpose; they come back when it resets.
        if (status is null || status.Ai.WaitingForQuotaUntil is not null) return;
        if (await sweeps.ClaimAsync(run, 0, cancellationToken) is null) return;

        var offerId = status.OfferId;
        var fanOuts = await runs.ListFanOutsAsync(run.Id, cancellationToken);
        var counted = await runs.ListCountedAsync(run.Id, cancellationToken);
        var redrives = await runs.GetRedrivesAsync(run.Id, cancellationToken);
        var resend = new List<(ScoreLeadMessage Message, int Times)>();
        var givenUp = new List<string>();
        foreach (var fanOut in fanOuts.Where(fanOut => fanOut.NextLine > 1))
        {
            foreach (var row in await planner.ListQueuedAsync(fanOut.UploadId, 1, fanOut.NextLine - 1, cancellationToken))
            {
                if (counted.Contains(row.Lead.Id)) continue;
                var times = redrives.GetValueOrDefault(row.Lead.Id) + 1;
                if (times > options.Value.MaxRedrives) givenUp.Add(row.Lead.Id);
                else resend.Add((new ScoreLeadMessage(run.Id, offerId, row.Lead.Id, QueuedLead.From(row.Lead)), times));
            }
        }

        // Runs started before the cursors carried the upload's end have no step to resend; their leads are resent.
        var steps = fanOuts.Where(fanOut => fanOut is { Finished: false, LastLine: not null })
            .Select(fanOut => new PlanLeadsMessage(run.Id, offerId, fanOut.UploadId, fanOut.NextLine, fanOut.LastLine!.Value, Expected: fanOut.Expected))
            .ToList();

        logger.RunSwept(run.Id, quiet, resend.Count, steps.Count, givenUp.Count);
        // Recorded before they go: a sweep cut off half-way still counts them against the bound.
        await runs.RecordSweepAsync(run.Id, [.. resend.Select(lead => (lead.Message.LeadId, lead.Times))], steps.Count, cancellationToken);
        await Parallel.ForEachAsync(resend, new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
            async (lead, token) => await scores.SendAsync(lead.Message, token));
        foreach (var step in steps) await plans.SendAsync(step, cancellationToken);

        if (givenUp.Count == 0) return;
        var error = $"The lead was sent again {options.Value.MaxRedrives} times after its run stalled and was never scored.";
        foreach (var leadId in givenUp) await runs.CountAsync(run.Id, leadId, LeadOutcome.Failed, error, cancellationToken);
        await runs.CompleteIfDoneAsync(run.Id, cancellationToken);
    }
}
