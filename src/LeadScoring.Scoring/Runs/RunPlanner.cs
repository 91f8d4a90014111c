using System.Collections.Concurrent;
using Azure;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Runs;

/// <summary>
/// Starts scoring runs and fans them out. <c>POST /score</c> must answer in about two seconds even for 100,000
/// leads, so it reads no lead: it claims the committed uploads not yet queued for the offer (all of them on
/// rescore), writes the run with their lead count and sends one <c>plan-leads</c> message per 1,000 lines.
/// A start that fails part-way gives back what it did not send (<see cref="RunStartFailedException"/>).
/// Each chunk is later expanded into one <c>score-leads</c> message per lead. A redelivered chunk only repeats
/// messages, and scoring and counting are idempotent.
/// </summary>
public sealed class RunPlanner(UploadTable uploads, LeadTable leads, RunTable runs, PlanQueue plans, ScoreQueue scores, ILogger<RunPlanner> logger)
{
    public const int ChunkLines = 1000;
    private const int ParallelSends = 16;

    public async Task<RunStarted> StartAsync(Offer offer, bool rescore, CancellationToken cancellationToken)
    {
        var committed = await uploads.ListCommittedAsync(cancellationToken);
        var alreadyQueued = rescore ? new HashSet<string>() : await uploads.ListQueuedAsync(offer.Id, cancellationToken);
        var candidates = committed.Where(upload => !alreadyQueued.Contains(upload.UploadId)).ToList();

        var runId = runs.NewRunId();
        var claims = new ConcurrentBag<Claim>();
        var chunks = new List<PlanLeadsMessage>();
        var sent = new ConcurrentBag<PlanLeadsMessage>();
        var created = false;
        try
        {
            // Claim before fanning out: of racing starts only the one that adds an upload's marker queues it, so the
            // AI is not asked N times per lead. An explicit rescore overwrites the markers and queues everything.
            await Parallel.ForEachAsync(candidates, SendOptions(cancellationToken), async (upload, token) =>
            {
                if (await uploads.ClaimAsync(offer.Id, runId, upload.UploadId, rescore, token) is { } claim) claims.Add(new Claim(upload, claim));
            });

            // Once uploads are claimed, finish even if the client goes away: a half-sent run would never be done.
            var queued = claims.Sum(claim => claim.Upload.Inserted);
            await runs.CreateAsync(runId, offer.Id, queued, CancellationToken.None);
            created = true;
            chunks.AddRange(claims.SelectMany(claim => Chunks(runId, offer.Id, claim.Upload)));
            // Not the loop's token: it is cancelled when one send fails, and a send cut off in flight may still have
            // been enqueued, so the rollback would take out leads that will be scored.
            await Parallel.ForEachAsync(chunks, SendOptions(CancellationToken.None), async (chunk, _) =>
            {
                await plans.SendAsync(chunk, CancellationToken.None);
                sent.Add(chunk);
            });

            logger.RunStarted(runId, offer.Id, queued, claims.Count, chunks.Count);
            return new RunStarted(runId, offer.Id, queued);
        }
        catch (Exception failure)
        {
            var stillQueued = await RollBackAsync(offer.Id, runId, created, [.. claims], chunks, sent.ToHashSet(), failure);
            if (stillQueued is null || (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)) throw;
            throw new RunStartFailedException(created ? runId : null, stillQueued.Value, failure);
        }
    }

    /// <summary>
    /// Undoes what a failed start did not finish: releases the claim of every upload not fully fanned out (the next
    /// start queues it again) and takes the leads of unsent chunks out of the run, which may complete it. Returns
    /// the leads the run still counts, or null when the rollback itself failed (the claims may still be held).
    /// </summary>
    private async Task<int?> RollBackAsync(
        string offerId, string runId, bool created, IReadOnlyList<Claim> claims, IReadOnlyList<PlanLeadsMessage> chunks,
        IReadOnlySet<PlanLeadsMessage> sent, Exception failure)
    {
        var unsent = created ? chunks.Where(chunk => !sent.Contains(chunk)).ToList() : [];
        var unfinished = unsent.Select(chunk => chunk.UploadId).ToHashSet(StringComparer.Ordinal);
        var released = created ? claims.Where(claim => unfinished.Contains(claim.Upload.UploadId)).ToList() : claims;
        try
        {
            // The unsent chunks' leads are counted from the table: rows a file rejected leave gaps in the line ranges.
            var notQueued = 0;
            foreach (var chunk in unsent)
            {
                await foreach (var _ in leads.ListIdsAsync(chunk.UploadId, chunk.FirstLine, chunk.LastLine, CancellationToken.None)) notQueued++;
            }

            await Parallel.ForEachAsync(released, SendOptions(CancellationToken.None), async (claim, token) =>
                await uploads.ReleaseAsync(offerId, claim.Upload.UploadId, claim.ETag, token));
            if (notQueued > 0) await runs.ReduceQueuedAsync(runId, notQueued, CancellationToken.None);

            var stillQueued = created ? claims.Sum(claim => claim.Upload.Inserted) - notQueued : 0;
            logger.StartRolledBack(failure, runId, offerId, sent.Count, chunks.Count, released.Count, stillQueued);
            return stillQueued;
        }
        catch (Exception rollbackFailure)
        {
            // The start's own failure is rethrown to the caller and logged there; this one would otherwise be lost.
            logger.StartNotRolledBack(rollbackFailure, runId, offerId);
            return null;
        }
    }

    /// <summary>Expands one chunk into one score message per stored lead in its line range.</summary>
    public async Task PlanAsync(PlanLeadsMessage chunk, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(chunk.UploadId)) return;
        var leadIds = leads.ListIdsAsync(chunk.UploadId, chunk.FirstLine, chunk.LastLine, cancellationToken);
        await Parallel.ForEachAsync(leadIds, SendOptions(cancellationToken), async (leadId, token) =>
            await scores.SendAsync(new ScoreLeadMessage(chunk.RunId, chunk.OfferId, leadId), token));
    }

    /// <summary>A chunk that could not be fanned out (poison): its leads count as failed, so the run still finishes.</summary>
    public async Task FailChunkAsync(PlanLeadsMessage chunk, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(chunk.UploadId) || await runs.GetAsync(chunk.RunId, cancellationToken) is null)
        {
            logger.UnknownRun(chunk.RunId);
            return;
        }

        logger.ChunkPoisoned(chunk.RunId, chunk.UploadId, chunk.FirstLine, chunk.LastLine);
        const string error = "The lead could not be queued for scoring: its fan-out chunk failed on every attempt.";
        await foreach (var leadId in leads.ListIdsAsync(chunk.UploadId, chunk.FirstLine, chunk.LastLine, cancellationToken))
        {
            await runs.CountAsync(chunk.RunId, leadId, LeadOutcome.Failed, error, cancellationToken);
        }

        await runs.CompleteIfDoneAsync(chunk.RunId, cancellationToken);
    }

    private static IEnumerable<PlanLeadsMessage> Chunks(string runId, string offerId, CommittedUpload upload)
    {
        for (var first = 1L; first <= upload.LastLine; first += ChunkLines)
        {
            yield return new PlanLeadsMessage(runId, offerId, upload.UploadId, first, Math.Min(first + ChunkLines - 1, upload.LastLine));
        }
    }

    private sealed record Claim(CommittedUpload Upload, ETag ETag);

    private static ParallelOptions SendOptions(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken };
}
