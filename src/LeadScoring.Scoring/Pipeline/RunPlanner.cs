using System.Collections.Concurrent;
using Azure;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Pipeline;

/// <summary>
/// Starts scoring runs and fans them out. <c>POST /score</c> must answer in about two seconds even for 100,000
/// leads, so it reads no lead: it claims the committed uploads not yet queued for the offer (all of them on
/// rescore), writes the run with their lead count and sends one <c>plan-leads</c> message per upload. A start that
/// fails part-way gives back what it did not send (<see cref="RunStartFailedException"/>). Each upload is then
/// fanned out step by step into one <c>score-leads</c> message per lead, as that queue drains. A repeated step only
/// repeats messages, and scoring and counting are idempotent.
/// </summary>
public sealed class RunPlanner(
    UploadTable uploads,
    LeadTable leads,
    RunTable runs,
    SweepTable sweeps,
    PlanQueue plans,
    ScoreQueue scores,
    ModelStore models,
    IOptions<RunOptions> options,
    ILogger<RunPlanner> logger)
{
    /// <summary>Most leads one fan-out step queues.</summary>
    public const int StepLines = 1000;
    private const int ParallelSends = 16;

    // One step at a time per process, so a step reads the queue's depth after the previous step's messages are in it.
    private readonly SemaphoreSlim expanding = new(1, 1);

    public async Task<RunStarted> StartAsync(Offer offer, bool rescore, CancellationToken cancellationToken)
    {
        // The model adopted now is the one this run's leads are scored with, whatever is adopted while it runs; read
        // beside the uploads, so the request does not wait for it in turn.
        var adopted = models.GetCurrentVersionAsync(offer.Id, cancellationToken);
        var runId = runs.NewRunId();
        // Watched before it exists, so the sweeper carries on a run whose messages a dead instance held; a start that
        // fails leaves a row the sweeper drops.
        var watched = sweeps.WatchAsync(SweepTable.Run, runId, offer.Id, cancellationToken);
        var committed = await uploads.ListCommittedAsync(cancellationToken);
        var alreadyQueued = rescore ? new HashSet<string>() : await uploads.ListQueuedAsync(offer.Id, cancellationToken);
        var candidates = committed.Where(upload => !alreadyQueued.Contains(upload.UploadId)).ToList();
        var current = CurrentLeads(committed);
        var modelVersion = await adopted;
        await watched;

        var claims = new ConcurrentBag<Claim>();
        var sent = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal); // uploads whose first step went out
        var created = false;
        try
        {
            // Claim before fanning out: of racing starts only the one that adds an upload's marker queues it, so the
            // AI is not asked N times per lead. An explicit rescore overwrites the markers and queues everything.
            await Parallel.ForEachAsync(candidates, SendOptions(cancellationToken), async (upload, token) =>
            {
                if (await uploads.ClaimAsync(offer.Id, runId, upload.UploadId, rescore, token) is { } claim) claims.Add(new Claim(upload, claim, current[upload.UploadId]));
            });

            // Once uploads are claimed, finish even if the client goes away: a half-sent run would never be done.
            var queued = claims.Sum(claim => claim.Expected);
            var fanOuts = claims.Where(HasLines).Select(claim => new UploadFanOut(claim.Upload.UploadId, 1, claim.Upload.LastLine, claim.Expected)).ToList();
            await runs.CreateAsync(runId, offer.Id, queued, CancellationToken.None, modelVersion, fanOuts);
            created = true;
            var firstSteps = claims.Where(HasLines).Select(claim => FirstStep(runId, offer.Id, claim)).ToList();
            // Not the loop's token: it is cancelled when one send fails, and a send cut off in flight may still have
            // been enqueued, so the rollback would take out leads that will be scored.
            await Parallel.ForEachAsync(firstSteps, SendOptions(CancellationToken.None), async (step, _) =>
            {
                await plans.SendAsync(step, CancellationToken.None);
                sent.TryAdd(step.UploadId, 0);
            });

            logger.RunStarted(runId, offer.Id, queued, claims.Count);
            return new RunStarted(runId, offer.Id, queued);
        }
        catch (Exception failure)
        {
            var stillQueued = await RollBackAsync(offer.Id, runId, created, [.. claims], sent.Keys.ToHashSet(StringComparer.Ordinal), failure);
            if (stillQueued is null || (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)) throw;
            throw new RunStartFailedException(created ? runId : null, stillQueued.Value, failure);
        }
    }

    /// <summary>
    /// Undoes what a failed start did not finish: releases the claim of every upload whose first step was not sent
    /// (the next start queues it again) and takes its leads out of the run, which may complete it. Returns the leads
    /// the run still counts, or null when the rollback itself failed (the claims may still be held).
    /// </summary>
    private async Task<int?> RollBackAsync(
        string offerId, string runId, bool created, IReadOnlyList<Claim> claims, IReadOnlySet<string> sent, Exception failure)
    {
        var released = created ? claims.Where(claim => HasLines(claim) && !sent.Contains(claim.Upload.UploadId)).ToList() : claims;
        var notQueued = created ? released.Sum(claim => claim.Expected) : 0;
        try
        {
            // Their cursors go first: the sweeper must not carry on a fan-out the run no longer counts.
            if (created) await runs.DropFanOutsAsync(runId, released.Where(HasLines).Select(claim => claim.Upload.UploadId), CancellationToken.None);
            await Parallel.ForEachAsync(released, SendOptions(CancellationToken.None), async (claim, token) =>
                await uploads.ReleaseAsync(offerId, claim.Upload.UploadId, claim.ETag, token));
            if (notQueued > 0) await runs.ReduceQueuedAsync(runId, notQueued, CancellationToken.None);

            var stillQueued = created ? claims.Sum(claim => claim.Expected) - notQueued : 0;
            logger.StartRolledBack(failure, runId, offerId, sent.Count, claims.Count(HasLines), released.Count, stillQueued);
            return stillQueued;
        }
        catch (Exception rollbackFailure)
        {
            // The start's own failure is rethrown to the caller and logged there; this one would otherwise be lost.
            logger.StartNotRolledBack(rollbackFailure, runId, offerId);
            return null;
        }
    }

    /// <summary>
    /// One step of an upload's fan-out: queues up to <see cref="StepLines"/> of the part's leads (with their fields), as
    /// many as <c>score-leads</c> has room for under <see cref="RunOptions.MaxQueuedLeads"/>, then sends the rest of the
    /// part as the next step. A full queue (or another step running in this process) sends the part back to wait, so
    /// each upload has one step in flight and the queue fills as it drains. The cursor makes a redelivered step a no-op.
    /// </summary>
    public async Task PlanAsync(PlanLeadsMessage part, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(part.UploadId)) return;
        if (!expanding.Wait(0, cancellationToken))
        {
            await WaitAsync(part, queued: null, cancellationToken);
            return;
        }

        try
        {
            var (room, queued) = await RoomAsync(cancellationToken);
            if (room == 0)
            {
                await WaitAsync(part, queued, cancellationToken);
                return;
            }

            var cursor = await runs.GetFanOutCursorAsync(part.RunId, part.UploadId, cancellationToken);
            if (cursor.NextLine > part.FirstLine) return;

            var step = await leads.ListAsync(part.UploadId, part.FirstLine, part.LastLine, room, cancellationToken);
            var nextLine = step.Count == room ? step[^1].Line + 1 : part.LastLine + 1;
            var toQueue = await CurrentAsync(step, cancellationToken);
            var sent = cursor.Sent + toQueue.Count;
            // More than the run expected (an upload that replaced these versions went meanwhile): the run learns of
            // them before they go, so it cannot complete without them.
            if (part.Expected is { } expected && sent - expected > cursor.Excess)
            {
                if (await runs.RecordExcessAsync(part.RunId, part.UploadId, cursor, sent - expected, cancellationToken) is not { } owned) return;
                cursor = owned;
            }

            await Parallel.ForEachAsync(toQueue, SendOptions(cancellationToken), async (row, token) =>
                await scores.SendAsync(ScoreLeadMessage.For(part.RunId, part.OfferId, row.Lead), token));

            // The rest goes out before the cursor moves: a crash in between repeats this step (harmless), never skips the rest.
            if (nextLine <= part.LastLine) await plans.SendAsync(part with { FirstLine = nextLine, Waits = 0 }, cancellationToken);
            // Fewer than expected after the last step (versions replaced since the run started): the run stops waiting for them.
            var shortfall = nextLine > part.LastLine && part.Expected is { } total ? Math.Max(0, total + cursor.Excess - sent) : 0;
            await runs.AdvanceFanOutCursorAsync(part.RunId, part.UploadId, cursor, nextLine, sent, shortfall, cancellationToken);
        }
        finally
        {
            expanding.Release();
        }
    }

    /// <summary>How many leads the next step may queue: none while score-leads is (nearly) full.</summary>
    private async Task<(int Room, int? Queued)> RoomAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxQueuedLeads;
        if (limit == 0) return (StepLines, null);
        var queued = await scores.CountAsync(cancellationToken);
        var room = Math.Min(StepLines, limit - queued);
        // Wait for a tenth of the limit at least, so a queue at its limit is not topped up a few messages at a time.
        return (room >= Math.Max(1, Math.Min(StepLines, limit) / 10) ? room : 0, queued);
    }

    /// <summary>Sends the part back, invisible for a back-off that doubles with each wait (with jitter, so parts spread out).</summary>
    private async Task WaitAsync(PlanLeadsMessage part, int? queued, CancellationToken cancellationToken)
    {
        var backOff = TimeSpan.FromMilliseconds(250 * Math.Pow(2, Math.Min(part.Waits, 16)));
        var wait = TimeSpan.FromTicks(Math.Min(backOff.Ticks, options.Value.MaxFanOutWait.Ticks)) * (0.5 + Random.Shared.NextDouble() / 2);
        logger.StepDeferred(part.RunId, part.UploadId, part.FirstLine, part.LastLine, wait, queued ?? -1);
        await plans.SendAsync(part with { Waits = part.Waits + 1 }, wait, cancellationToken);
    }

    /// <summary>A fan-out step that failed on every attempt (poison): the leads it had left count as failed, so the run still finishes.</summary>
    public async Task FailStepAsync(PlanLeadsMessage part, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(part.UploadId) || !await runs.ExistsAsync(part.RunId, cancellationToken))
        {
            logger.UnknownRun(part.RunId);
            return;
        }

        if ((await runs.GetFanOutCursorAsync(part.RunId, part.UploadId, cancellationToken)).NextLine > part.FirstLine) return;

        logger.StepPoisoned(part.RunId, part.UploadId, part.FirstLine, part.LastLine);
        const string error = "The lead could not be queued for scoring: its fan-out step failed on every attempt.";
        foreach (var row in await ListQueuedAsync(part.UploadId, part.FirstLine, part.LastLine, cancellationToken))
        {
            await runs.CountAsync(part.RunId, row.Lead.Id, LeadOutcome.Failed, error, cancellationToken);
        }

        await runs.CompleteIfDoneAsync(part.RunId, cancellationToken);
    }

    /// <summary>The leads a fan-out of these lines of the upload queues (or queued): their current versions.</summary>
    public async Task<IReadOnlyList<StoredLead>> ListQueuedAsync(string uploadId, long firstLine, long lastLine, CancellationToken cancellationToken) =>
        await CurrentAsync(await leads.ListAsync(uploadId, firstLine, lastLine, int.MaxValue, cancellationToken), cancellationToken);

    /// <summary>
    /// The step's current versions: a lead that a committed upload replaced with a newer version of its person is
    /// passed over (that upload's version is the one scored). A replacing upload that failed, or was deleted, replaced nothing.
    /// </summary>
    private async Task<IReadOnlyList<StoredLead>> CurrentAsync(IReadOnlyList<StoredLead> step, CancellationToken cancellationToken)
    {
        var replacing = step.Select(row => row.SupersededBy).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (replacing.Count == 0) return step;
        var counting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var uploadId in replacing)
        {
            if (await uploads.IsCommittedAsync(uploadId, cancellationToken)) counting.Add(uploadId);
        }

        return [.. step.Where(row => row.SupersededBy is null || !counting.Contains(row.SupersededBy))];
    }

    /// <summary>
    /// How many of each committed upload's leads are current: its stored leads less the versions that committed
    /// uploads replaced since (their Supersedes counts, so no lead is read).
    /// </summary>
    private static Dictionary<string, int> CurrentLeads(IReadOnlyList<CommittedUpload> committed)
    {
        var current = committed.ToDictionary(upload => upload.UploadId, upload => upload.Leads, StringComparer.Ordinal);
        foreach (var upload in committed)
        {
            foreach (var (replaced, count) in upload.Supersedes)
            {
                if (current.TryGetValue(replaced, out var leads)) current[replaced] = Math.Max(0, leads - count);
            }
        }

        return current;
    }

    /// <summary>An upload is fanned out step by step by one chain of plan messages (see <see cref="PlanAsync"/>).</summary>
    private static PlanLeadsMessage FirstStep(string runId, string offerId, Claim claim) =>
        new(runId, offerId, claim.Upload.UploadId, 1, claim.Upload.LastLine, Expected: claim.Expected);

    private static bool HasLines(Claim claim) => claim.Upload.LastLine >= 1;

    /// <summary>An upload this run claimed, and how many of its leads it expects to queue (its current versions).</summary>
    private sealed record Claim(CommittedUpload Upload, ETag ETag, int Expected);

    private static ParallelOptions SendOptions(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken };
}
