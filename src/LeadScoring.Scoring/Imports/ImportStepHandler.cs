using System.Globalization;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// One step of a background import: stores one staged part, then sends the step for the next part, or, after the
/// last, saves the identity index once and commits the upload. The upload's row is the cursor (PartsDone, written
/// with its ETag), so a step delivered twice, or again after a crash, stores nothing twice: leads are upserts keyed by
/// line, and only one delivery records the part. The index is matched in memory across steps and saved once at the
/// end; a step that finds no match state here (another instance, a restart) replays the earlier parts' rows first,
/// storing nothing. A step that cannot go on (its part is gone, or the host gave up on it) fails the upload and
/// removes what it stored.
/// </summary>
public sealed class ImportStepHandler(
    LeadImporter importer,
    UploadTable uploads,
    LeadTable leads,
    LeadWriter writer,
    ImportStore staging,
    ImportQueue steps,
    IMemoryCache sessions,
    SweepHeartbeat heartbeat,
    TimeProvider clock,
    ILogger<ImportStepHandler> logger)
{
    /// <summary>How long a step waits for the step before it to record its part (it sends the next step first).</summary>
    internal static readonly TimeSpan TurnWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan SessionIdle = TimeSpan.FromMinutes(10);

    public async Task HandleAsync(ImportLeadsMessage message, CancellationToken cancellationToken)
    {
        // A large part takes longer to store than the sweeper waits for a stalled import: the import is alive meanwhile.
        using var alive = heartbeat.Enter(SweepTable.Import, message.UploadId);
        if (await WaitForTurnAsync(message, cancellationToken) is not { } progress) return;
        var uploadId = message.UploadId;
        try
        {
            await StoreAsync(message, progress, cancellationToken);
        }
        catch (StagedPartMissingException e)
        {
            await FailAsync(uploadId, string.Create(CultureInfo.InvariantCulture, $"Part {e.Part + 1} of the staged file is missing; upload the file again."), cancellationToken);
        }
    }

    private async Task StoreAsync(ImportLeadsMessage message, ImportProgress progress, CancellationToken cancellationToken)
    {
        var uploadId = message.UploadId;
        var session = sessions.GetOrCreate(SessionKey(uploadId), entry =>
        {
            entry.SlidingExpiration = SessionIdle;
            return new ImportSession();
        })!;
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            if (session.PartsMatched > message.Part) return; // a delivery here stored and recorded it while this one waited
            var index = await CatchUpAsync(session, uploadId, message.Part, cancellationToken);
            var stored = await writer.StoreAsync(uploadId, staging.ReadPartAsync(uploadId, message.Part, cancellationToken), index, cancellationToken);
            var last = message.Part == progress.Parts - 1;
            if (last) await index.SaveAsync(cancellationToken);
            // The next step goes before this one is recorded: a crash in between repeats this step, never loses the next.
            else await steps.SendAsync(message with { Part = message.Part + 1 }, cancellationToken);

            if (stored.SameNameStored.Count > 0) await AddToFindingsAsync(uploadId, stored.SameNameStored, cancellationToken);
            // Upserts by person: a step stored again records the same outcomes again, harmlessly.
            if (message.OutcomesOfferId is { } offerId) await importer.RecordOutcomesAsync(offerId, stored.Outcomes, cancellationToken);
            var counts = new UploadCounts(stored.Inserted, stored.Updated, stored.Unchanged, 0, 0, 0) { PossibleDuplicates = stored.SameNameStored.Count };
            if (await uploads.RecordPartAsync(progress, counts, stored.Supersedes, cancellationToken) is not { } total) return; // another delivery recorded it
            session.PartsMatched = message.Part + 1;
            logger.ImportPartStored(uploadId, message.Part + 1, progress.Parts, stored.Inserted, stored.Updated, stored.Unchanged);
            if (last)
            {
                sessions.Remove(SessionKey(uploadId));
                logger.UploadCommitted(uploadId, total.Inserted, total.Updated, total.Unchanged, total.Rejected);
                await DeletePartsAsync(uploadId);
            }
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Lists the rows this step kept apart from stored people; a repeated step lists none twice.</summary>
    private async Task AddToFindingsAsync(string uploadId, IReadOnlyList<PossibleDuplicate> keptApart, CancellationToken cancellationToken)
    {
        var findings = await staging.ReadFindingsAsync(uploadId, cancellationToken) ?? new ImportFindings([], [], []);
        if (findings.PossibleDuplicates.Count >= LeadImporter.MaxRejectedListed) return;
        var listed = findings.PossibleDuplicates.Select(entry => (entry.Line, entry.SameAsLine)).ToHashSet();
        var added = keptApart.Where(entry => !listed.Contains((entry.Line, entry.SameAsLine)));
        var all = findings.PossibleDuplicates.Concat(added).Take(LeadImporter.MaxRejectedListed).ToList();
        if (all.Count > findings.PossibleDuplicates.Count) await staging.WriteFindingsAsync(uploadId, findings with { PossibleDuplicates = all }, cancellationToken);
    }

    // Committed already, so a failure here only leaves the parts behind; it must not make the step run again.
    private async Task DeletePartsAsync(string uploadId)
    {
        try
        {
            await staging.DeleteAsync(uploadId, findings: false, CancellationToken.None);
        }
        catch (Azure.RequestFailedException e)
        {
            logger.StagedPartsNotDeleted(e, uploadId);
        }
    }

    /// <summary>Fails the upload with the reason and removes what it stored; a committed or deleted upload is left alone.</summary>
    public async Task FailAsync(string uploadId, string reason, CancellationToken cancellationToken)
    {
        if (await uploads.GetImportAsync(uploadId, cancellationToken) is not { Status: UploadStatus.Importing or UploadStatus.Failed }) return;
        await uploads.FailAsync(uploadId, reason, cancellationToken);
        sessions.Remove(SessionKey(uploadId));
        logger.ImportFailed(uploadId, reason);
        // Uncommitted, so none of it counts meanwhile; the index passes over its versions.
        await leads.DeleteUploadAsync(uploadId, cancellationToken);
        await staging.DeleteAsync(uploadId, findings: false, cancellationToken);
    }

    /// <summary>
    /// The import's state once it is this step's turn; null for a step that is not to run: done already, for an
    /// upload that failed, committed or went, or whose predecessor has not recorded its part within
    /// <see cref="TurnWait"/> (that step is repeated after a crash, and sends this one again).
    /// </summary>
    private async Task<ImportProgress?> WaitForTurnAsync(ImportLeadsMessage message, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + TurnWait;
        while (true)
        {
            var progress = await uploads.GetImportAsync(message.UploadId, cancellationToken);
            if (progress is not { Status: UploadStatus.Importing } || message.Part >= progress.Parts || progress.PartsDone > message.Part) return null;
            if (progress.PartsDone == message.Part) return progress;
            if (clock.GetUtcNow() >= deadline) return null;
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, cancellationToken);
        }
    }

    /// <summary>The index as the import left it before this part: replayed from the earlier parts where this process has not seen them.</summary>
    private async Task<PersonMatcher> CatchUpAsync(ImportSession session, string uploadId, int part, CancellationToken cancellationToken)
    {
        if (session.Index is null || session.PartsMatched > part)
        {
            session.Index = await writer.OpenIndexAsync(uploadId, await staging.ReadSharedNamesAsync(uploadId, cancellationToken), cancellationToken);
            session.PartsMatched = 0;
        }

        for (; session.PartsMatched < part; session.PartsMatched++)
        {
            await writer.ReplayAsync(uploadId, staging.ReadPartAsync(uploadId, session.PartsMatched, cancellationToken), session.Index, cancellationToken);
        }

        return session.Index;
    }

    private static string SessionKey(string uploadId) => "import:" + uploadId;

    /// <summary>An import's index in this process, matched through <see cref="PartsMatched"/> parts; one step at a time.</summary>
    private sealed class ImportSession
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public PersonMatcher? Index { get; set; }

        public int PartsMatched { get; set; }
    }
}
