using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Storage.Rows;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Table <c>uploads</c>. Partition "upload", row key = upload id (time-sortable): one row per file with its counts
/// (Inserted, Updated: the leads it stored), LastLine and Committed. A file's leads count only once its row is Committed, so a file that fails
/// part-way is never scored. A file imported in the background is listed while it imports (Parts, PartsDone) and
/// after it failed (Failure). Partition "queued|{offerId}", row key = upload id: the uploads already queued for
/// that offer, so <c>POST /score</c> decides which leads are new without reading any lead. A start adds (claims)
/// these markers before it fans out, so of racing starts only one queues each upload.
/// </summary>
public sealed class UploadTable(TableServiceClient service, TimeProvider clock)
{
    private const string Partition = "upload";
    private readonly TableClient table = service.GetTableClient(StorageNames.Uploads);

    /// <summary>Records a new, uncommitted upload and returns its id.</summary>
    public async Task<string> BeginAsync(CancellationToken cancellationToken) => await BeginAsync(null, cancellationToken);

    /// <summary>Records a new, uncommitted upload of the named file (as the client named it; may be null).</summary>
    public async Task<string> BeginAsync(string? fileName, CancellationToken cancellationToken)
    {
        var createdAt = clock.GetUtcNow();
        var id = createdAt.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)
            + "-" + RandomNumberGenerator.GetHexString(6, lowercase: true);
        await table.AddEntityAsync(
            new UploadRow { PartitionKey = Partition, RowKey = id, Committed = false, CreatedAt = createdAt, FileName = fileName },
            cancellationToken);
        return id;
    }

    /// <summary>Makes the upload's leads count, with what its import found.</summary>
    public async Task CommitAsync(
        string uploadId, UploadCounts counts, long lastLine, CsvTextEncoding encoding, IReadOnlyDictionary<string, int> supersedes, CancellationToken cancellationToken)
    {
        var row = (await table.GetEntityAsync<UploadRow>(Partition, uploadId, cancellationToken: cancellationToken)).Value;
        row.Committed = true;
        row.Inserted = counts.Inserted;
        row.Updated = counts.Updated;
        row.Unchanged = counts.Unchanged;
        row.LastLine = lastLine;
        row.Rejected = counts.Rejected;
        row.Warnings = counts.Warnings;
        row.Duplicates = counts.Duplicates;
        row.PossibleDuplicates = counts.PossibleDuplicates;
        row.Supersedes = SupersedesJson(supersedes);
        row.Encoding = encoding.ToString();
        row.Rows = counts.Inserted + counts.Updated + counts.Unchanged;
        row.CommittedAt = clock.GetUtcNow();
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Records a file read in full and staged in <paramref name="parts"/> parts of its <paramref name="rows"/> accepted
    /// rows: from now on it is listed as importing, and the background import stores it part by part.
    /// </summary>
    public async Task StageAsync(
        string uploadId, UploadCounts found, long rows, int parts, long lastLine, CsvTextEncoding encoding, CancellationToken cancellationToken)
    {
        var row = (await table.GetEntityAsync<UploadRow>(Partition, uploadId, cancellationToken: cancellationToken)).Value;
        row.Parts = parts;
        row.Rows = rows;
        row.LastLine = lastLine;
        row.Rejected = found.Rejected;
        row.Warnings = found.Warnings;
        row.Duplicates = found.Duplicates;
        row.PossibleDuplicates = found.PossibleDuplicates;
        row.Encoding = encoding.ToString();
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Where a background import is, or null when the upload is gone or was never staged.</summary>
    public async Task<ImportProgress?> GetImportAsync(string uploadId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<UploadRow>(Partition, uploadId, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { Parts: > 0 } row
            ? new ImportProgress(uploadId, row.Parts, row.PartsDone, Status(row) ?? UploadStatus.Failed, row.ETag) { ChangedAt = row.Timestamp }
            : null;
    }

    /// <summary>
    /// Adds what a step stored and moves the import on to the next part; the last part commits the upload. Returns the
    /// upload's counts so far, or null when another delivery of the same step recorded it first (the row changed since
    /// <paramref name="progress"/> was read).
    /// </summary>
    public async Task<UploadCounts?> RecordPartAsync(
        ImportProgress progress, UploadCounts stored, IReadOnlyDictionary<string, int> supersedes, CancellationToken cancellationToken)
    {
        var row = (await table.GetEntityAsync<UploadRow>(Partition, progress.UploadId, cancellationToken: cancellationToken)).Value;
        if (row.ETag != progress.ETag) return null;
        row.PartsDone++;
        row.Inserted += stored.Inserted;
        row.Updated += stored.Updated;
        row.Unchanged += stored.Unchanged;
        row.PossibleDuplicates += stored.PossibleDuplicates;
        if (supersedes.Count > 0)
        {
            var total = new Dictionary<string, int>(Supersedes(row.Supersedes), StringComparer.Ordinal);
            foreach (var (uploadId, count) in supersedes) total[uploadId] = total.GetValueOrDefault(uploadId) + count;
            row.Supersedes = SupersedesJson(total);
        }
        if (row.PartsDone == row.Parts)
        {
            row.Committed = true;
            row.CommittedAt = clock.GetUtcNow();
        }

        try
        {
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return new UploadCounts(row.Inserted, row.Updated, row.Unchanged, row.Rejected, row.Warnings, row.Duplicates) { PossibleDuplicates = row.PossibleDuplicates };
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }

    /// <summary>Marks a background import failed, with the reason: the upload stays listed, and never counts.</summary>
    public async Task FailAsync(string uploadId, string reason, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<UploadRow>(Partition, uploadId, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } row || row.Committed || row.Deleting) return;
        row.Failure = reason;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task DeleteAsync(string uploadId, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(Partition, uploadId, cancellationToken: cancellationToken);

    /// <summary>
    /// An imported upload, or one importing or failed in the background; null when there is none (or the id cannot
    /// exist, or an inline import is still under way).
    /// </summary>
    public async Task<UploadRecord?> GetAsync(string uploadId, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(uploadId)) return null;
        var response = await table.GetEntityIfExistsAsync<UploadRow>(Partition, uploadId, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row && Status(row) is not null ? ToRecord(row) : null;
    }

    /// <summary>
    /// Takes a committed upload out of scoring and listings before its rows are removed. Returns the upload, also one
    /// whose delete began before (a retry finishes it); null when there is no such upload.
    /// </summary>
    public async Task<UploadRecord?> BeginDeleteAsync(string uploadId, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(uploadId)) return null;
        var response = await table.GetEntityIfExistsAsync<UploadRow>(Partition, uploadId, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } row || !(row.Committed || row.Deleting || row.Failure is not null)) return null;
        if (!row.Deleting)
        {
            (row.Committed, row.Deleting) = (false, true);
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }

        return ToRecord(row);
    }

    /// <summary>Every upload imported, importing or failed in the background, newest first.</summary>
    public async Task<IReadOnlyList<UploadRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and (Committed eq {true} or Parts gt {0})");
        var uploads = new List<UploadRecord>();
        await foreach (var row in table.QueryAsync<UploadRow>(filter, cancellationToken: cancellationToken))
        {
            if (Status(row) is not null) uploads.Add(ToRecord(row));
        }

        uploads.Reverse(); // ids sort by creation time
        return uploads;
    }

    /// <summary>Removes every offer's "queued" marker of an upload (the upload is being deleted).</summary>
    public async Task DeleteClaimsAsync(string uploadId, IEnumerable<string> offerIds, CancellationToken cancellationToken)
    {
        foreach (var offerId in offerIds)
        {
            try
            {
                await table.DeleteEntityAsync(QueuedPartition(offerId), uploadId, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Never queued for this offer.
            }
        }
    }

    public async Task<IReadOnlyList<CommittedUpload>> ListCommittedAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Committed eq {true}");
        var uploads = new List<CommittedUpload>();
        await foreach (var row in table.QueryAsync<UploadRow>(filter, cancellationToken: cancellationToken))
        {
            uploads.Add(new CommittedUpload(row.RowKey, row.Inserted + row.Updated, row.LastLine) { Supersedes = Supersedes(row.Supersedes) });
        }

        return uploads;
    }

    public async Task<IReadOnlySet<string>> ListQueuedAsync(string offerId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {QueuedPartition(offerId)}");
        var queued = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<QueuedUploadRow>(filter, select: [nameof(ITableEntity.RowKey)], cancellationToken: cancellationToken))
        {
            queued.Add(row.RowKey);
        }

        return queued;
    }

    /// <summary>
    /// Claims an upload for a run of the offer by adding its "queued" marker. Returns the marker's ETag, or null when
    /// another start claimed it first (409), so racing starts queue each upload once. An explicit rescore overwrites.
    /// </summary>
    public async Task<ETag?> ClaimAsync(string offerId, string runId, string uploadId, bool overwrite, CancellationToken cancellationToken)
    {
        var marker = new QueuedUploadRow { PartitionKey = QueuedPartition(offerId), RowKey = uploadId, RunId = runId, QueuedAt = clock.GetUtcNow() };
        try
        {
            var response = overwrite
                ? await table.UpsertEntityAsync(marker, TableUpdateMode.Replace, cancellationToken)
                : await table.AddEntityAsync(marker, cancellationToken);
            // The service always answers a write with its ETag; without one, a release could only be unconditional.
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>
    /// Gives a claim back, so the next start queues the upload again. Only our own claim: a marker another start has
    /// since overwritten (412) or already removed (404) is left alone.
    /// </summary>
    public async Task ReleaseAsync(string offerId, string uploadId, ETag claim, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(QueuedPartition(offerId), uploadId, claim, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Not ours any more: a rescore took the marker over, or it is gone already.
        }
    }

    /// <summary>Whether the upload counts now (committed, not being deleted).</summary>
    public async Task<bool> IsCommittedAsync(string uploadId, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(uploadId)) return false;
        var response = await table.GetEntityIfExistsAsync<UploadRow>(Partition, uploadId, select: [nameof(UploadRow.Committed)], cancellationToken: cancellationToken);
        return response.HasValue && response.Value!.Committed;
    }

    private static string QueuedPartition(string offerId) => "queued|" + offerId;

    /// <summary>
    /// The counts as JSON; past what a column holds, the smallest are left out. A count left out only makes a run
    /// expect more leads than it queues, which its fan-out corrects, never fewer.
    /// </summary>
    private static string? SupersedesJson(IReadOnlyDictionary<string, int> supersedes)
    {
        if (supersedes.Count == 0) return null;
        var kept = supersedes.OrderByDescending(pair => pair.Value).ToList();
        while (true)
        {
            var json = JsonSerializer.Serialize(kept.ToDictionary(pair => pair.Key, pair => pair.Value), StorageJsonContext.Default.DictionaryStringInt32);
            if (json.Length <= 30_000) return json;
            kept.RemoveRange(kept.Count / 2, kept.Count - kept.Count / 2);
        }
    }

    private static IReadOnlyDictionary<string, int> Supersedes(string? json) =>
        json is null ? new Dictionary<string, int>() : JsonSerializer.Deserialize(json, StorageJsonContext.Default.DictionaryStringInt32) ?? [];

    private static UploadStatus? Status(UploadRow row) =>
        row.Deleting ? null
        : row.Committed ? UploadStatus.Imported
        : row.Failure is not null ? UploadStatus.Failed
        : row.Parts > 0 ? UploadStatus.Importing
        : null;

    private static UploadRecord ToRecord(UploadRow row) => new(
        row.RowKey,
        row.FileName,
        row.CreatedAt ?? row.Timestamp ?? DateTimeOffset.MinValue,
        row.CommittedAt,
        row.Inserted,
        row.Updated,
        row.Unchanged,
        row.Rejected,
        row.Warnings,
        row.Duplicates,
        Enum.TryParse<CsvTextEncoding>(row.Encoding, out var encoding) ? encoding : CsvTextEncoding.Utf8)
    {
        Status = Status(row) ?? UploadStatus.Failed,
        Rows = row.Rows,
        // An inline import is through all its rows when it commits; a background one after each part.
        RowsImported = row.Committed ? row.Rows : Math.Min(row.Rows, row.Inserted + row.Updated + (long)row.Unchanged),
        Failure = row.Failure,
        PossibleDuplicates = row.PossibleDuplicates,
    };
}
