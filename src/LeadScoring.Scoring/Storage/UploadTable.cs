using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Table <c>uploads</c>. Partition "upload", row key = upload id (time-sortable): one row per file with
/// Inserted / LastLine / Committed. A file's leads count only once its row is Committed, so a file that fails
/// part-way is never scored. Partition "queued|{offerId}", row key = upload id: the uploads already queued for
/// that offer, so <c>POST /score</c> decides which leads are new without reading any lead.
/// </summary>
public sealed class UploadTable(TableServiceClient service, TimeProvider clock)
{
    private const string Partition = "upload";
    private const int MaxBatch = 100;
    private readonly TableClient table = service.GetTableClient(StorageNames.Uploads);

    /// <summary>Records a new, uncommitted upload and returns its id.</summary>
    public async Task<string> BeginAsync(CancellationToken cancellationToken)
    {
        var createdAt = clock.GetUtcNow();
        var id = createdAt.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)
            + "-" + RandomNumberGenerator.GetHexString(6, lowercase: true);
        await table.AddEntityAsync(
            new TableEntity(Partition, id) { ["Committed"] = false, ["Inserted"] = 0, ["LastLine"] = 0L, ["CreatedAt"] = createdAt },
            cancellationToken);
        return id;
    }

    public async Task CommitAsync(string uploadId, int inserted, long lastLine, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, uploadId)
        {
            ["Committed"] = true,
            ["Inserted"] = inserted,
            ["LastLine"] = lastLine,
            ["CommittedAt"] = clock.GetUtcNow(),
        };
        await table.UpdateEntityAsync(entity, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task DeleteAsync(string uploadId, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(Partition, uploadId, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<CommittedUpload>> ListCommittedAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Committed eq {true}");
        var uploads = new List<CommittedUpload>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            uploads.Add(new CommittedUpload(entity.RowKey, entity.GetInt32("Inserted") ?? 0, entity.GetInt64("LastLine") ?? 0));
        }

        return uploads;
    }

    public async Task<IReadOnlySet<string>> ListQueuedAsync(string offerId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {QueuedPartition(offerId)}");
        var queued = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            queued.Add(entity.RowKey);
        }

        return queued;
    }

    public async Task MarkQueuedAsync(string offerId, string runId, IEnumerable<CommittedUpload> uploads, CancellationToken cancellationToken)
    {
        var queuedAt = clock.GetUtcNow();
        foreach (var batch in uploads.Chunk(MaxBatch))
        {
            var actions = batch.Select(upload => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(QueuedPartition(offerId), upload.UploadId) { ["RunId"] = runId, ["QueuedAt"] = queuedAt }));
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    private static string QueuedPartition(string offerId) => "queued|" + offerId;
}
