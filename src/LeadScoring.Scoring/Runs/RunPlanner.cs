using System.Collections.Concurrent;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Runs;

/// <summary>
/// Starts scoring runs and fans them out. <c>POST /score</c> must answer in about two seconds even for 100,000
/// leads, so it reads no lead: it claims the committed uploads not yet queued for the offer (all of them on
/// rescore), writes the run with their lead count and sends one <c>plan-leads</c> message per 1,000 lines.
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
        var claimed = new ConcurrentBag<CommittedUpload>();
        // Claim before fanning out: of racing starts only the one that adds an upload's marker queues it, so the
        // AI is not asked N times per lead. An explicit rescore overwrites the markers and queues everything.
        await Parallel.ForEachAsync(candidates, SendOptions(cancellationToken), async (upload, token) =>
        {
            if (await uploads.ClaimAsync(offer.Id, runId, upload.UploadId, rescore, token) is not null) claimed.Add(upload);
        });

        var queued = claimed.Sum(upload => upload.Inserted);
        await runs.CreateAsync(runId, offer.Id, queued, cancellationToken);

        // Once the run exists, finish the fan-out even if the client goes away: a half-sent run would never be done.
        var chunks = claimed.SelectMany(upload => Chunks(runId, offer.Id, upload)).ToList();
        await Parallel.ForEachAsync(chunks, SendOptions(CancellationToken.None), async (chunk, token) => await plans.SendAsync(chunk, token));

        logger.RunStarted(runId, offer.Id, queued, claimed.Count, chunks.Count);
        return new RunStarted(runId, offer.Id, queued);
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

    private static ParallelOptions SendOptions(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken };
}
