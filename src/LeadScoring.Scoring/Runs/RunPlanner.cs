using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Runs;

/// <summary>
/// Starts scoring runs and fans them out. <c>POST /score</c> must answer in about two seconds even for 100,000
/// leads, so it reads no lead: it picks the committed uploads not yet queued for the offer (all of them on
/// rescore), writes the run with their lead count and sends one <c>plan-leads</c> message per 1,000 lines.
/// Each chunk is later expanded into one <c>score-leads</c> message per lead, as that queue drains. A redelivered
/// chunk only repeats messages, and scoring and counting are idempotent.
/// </summary>
public sealed class RunPlanner(
    UploadTable uploads, LeadTable leads, RunTable runs, PlanQueue plans, ScoreQueue scores, IOptions<RunOptions> options, ILogger<RunPlanner> logger)
{
    public const int ChunkLines = 1000;
    private const int ParallelSends = 16;

    // One chunk at a time per process, so chunks read the queue's depth after the previous chunk's messages are in it.
    private readonly SemaphoreSlim expanding = new(1, 1);

    public async Task<RunStarted> StartAsync(Offer offer, bool rescore, CancellationToken cancellationToken)
    {
        var committed = await uploads.ListCommittedAsync(cancellationToken);
        var alreadyQueued = rescore ? new HashSet<string>() : await uploads.ListQueuedAsync(offer.Id, cancellationToken);
        var toQueue = committed.Where(upload => !alreadyQueued.Contains(upload.UploadId)).ToList();

        var runId = runs.NewRunId();
        var queued = toQueue.Sum(upload => upload.Inserted);
        await runs.CreateAsync(runId, offer.Id, queued, cancellationToken);

        // Once the run exists, finish the fan-out even if the client goes away: a half-sent run would never be done.
        // Messages before markers: a crash in between re-queues these uploads next time (harmless), never skips them.
        var chunks = toQueue.SelectMany(upload => Chunks(runId, offer.Id, upload)).ToList();
        await Parallel.ForEachAsync(chunks, SendOptions(CancellationToken.None), async (chunk, token) => await plans.SendAsync(chunk, token));
        await uploads.MarkQueuedAsync(offer.Id, runId, toQueue, CancellationToken.None);

        logger.RunStarted(runId, offer.Id, queued, toQueue.Count, chunks.Count);
        return new RunStarted(runId, offer.Id, queued);
    }

    /// <summary>
    /// Expands one chunk into one score message per stored lead in its line range, carrying the lead's fields. While
    /// <c>score-leads</c> is deeper than <see cref="RunOptions.MaxQueuedLeads"/>, or this process is already expanding
    /// a chunk, the chunk goes back on its queue to wait instead: the queue stays shallow and fills as it drains.
    /// </summary>
    public async Task PlanAsync(PlanLeadsMessage chunk, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(chunk.UploadId)) return;
        if (!expanding.Wait(0, cancellationToken))
        {
            await WaitAsync(chunk, queued: null, cancellationToken);
            return;
        }

        try
        {
            var limit = options.Value.MaxQueuedLeads;
            if (limit > 0 && await scores.CountAsync(cancellationToken) is var queued && queued >= limit)
            {
                await WaitAsync(chunk, queued, cancellationToken);
                return;
            }

            var chunkLeads = leads.ListAsync(chunk.UploadId, chunk.FirstLine, chunk.LastLine, cancellationToken);
            await Parallel.ForEachAsync(chunkLeads, SendOptions(cancellationToken), async (lead, token) =>
                await scores.SendAsync(new ScoreLeadMessage(chunk.RunId, chunk.OfferId, lead.Id, QueuedLead.From(lead)), token));
        }
        finally
        {
            expanding.Release();
        }
    }

    /// <summary>Puts the chunk back, invisible for a back-off that doubles with each wait (with jitter, so chunks spread out).</summary>
    private async Task WaitAsync(PlanLeadsMessage chunk, int? queued, CancellationToken cancellationToken)
    {
        var backOff = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(chunk.Waits, 10)));
        var wait = TimeSpan.FromTicks(Math.Min(backOff.Ticks, options.Value.MaxFanOutWait.Ticks)) * (0.5 + Random.Shared.NextDouble() / 2);
        logger.ChunkDeferred(chunk.RunId, chunk.UploadId, chunk.FirstLine, chunk.LastLine, wait, queued ?? -1);
        await plans.SendAsync(chunk with { Waits = chunk.Waits + 1 }, wait, cancellationToken);
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
