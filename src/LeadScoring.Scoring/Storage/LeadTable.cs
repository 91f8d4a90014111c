using System.Globalization;
using Azure.Data.Tables;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage.Rows;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Table <c>leads</c>: partition = upload id, row key = line number (D8), so one file is one partition written in
/// entity-group transactions of up to 100 rows and read back by line range. Lead id = "{uploadId}-{line:D8}".
/// </summary>
public sealed class LeadTable(TableServiceClient service)
{
    public const int MaxBatch = 100;
    private readonly TableClient table = service.GetTableClient(StorageNames.Leads);

    public static string LeadId(string uploadId, long line) => uploadId + "-" + LineKey(line);

    /// <summary>Splits a lead id into its upload (partition) and line (row key); false when it is not one of ours.</summary>
    public static bool TryParseLeadId(string? leadId, out string uploadId, out long line)
    {
        uploadId = "";
        line = 0;
        if (!TableKey.IsValidId(leadId)) return false;
        var dash = leadId!.LastIndexOf('-');
        if (dash <= 0 || !long.TryParse(leadId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out line)) return false;
        uploadId = leadId[..dash];
        return true;
    }

    /// <summary>Adds one batch (one transaction, at most <see cref="MaxBatch"/> leads of one upload).</summary>
    public async Task AddBatchAsync(string uploadId, IReadOnlyList<(long Line, Lead Lead)> rows, CancellationToken cancellationToken)
    {
        var actions = rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, LeadFieldsRow.WrittenEntity(uploadId, LineKey(row.Line), row.Lead)));
        await table.SubmitTransactionAsync(actions, cancellationToken);
    }

    public async Task<Lead?> GetAsync(string leadId, CancellationToken cancellationToken)
    {
        if (!TryParseLeadId(leadId, out var uploadId, out var line)) return null;
        var response = await table.GetEntityIfExistsAsync<LeadRow>(uploadId, LineKey(line), cancellationToken: cancellationToken);
        return response.HasValue ? ToLead(response.Value!) : null;
    }

    /// <summary>At most <paramref name="take"/> of an upload's leads between two lines (inclusive), in line order, with their lines.</summary>
    public async Task<IReadOnlyList<StoredLead>> ListAsync(
        string uploadId, long firstLine, long lastLine, int take, CancellationToken cancellationToken)
    {
        var rows = new List<StoredLead>(Math.Min(take, 1000));
        await foreach (var row in table.QueryAsync<LeadRow>(LineRange(uploadId, firstLine, lastLine), Math.Min(take, 1000), cancellationToken: cancellationToken))
        {
            rows.Add(new StoredLead(long.Parse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture), ToLead(row), row.SupersededBy));
            if (rows.Count == take) break;
        }

        return rows;
    }

    /// <summary>
    /// Marks these lines of an upload as versions a newer upload replaced (a merge of one column, in transactions of
    /// up to 100). A line that is gone (its upload was deleted meanwhile) is passed over.
    /// </summary>
    public async Task MarkSupersededAsync(string uploadId, IReadOnlyList<long> lines, string byUploadId, CancellationToken cancellationToken)
    {
        foreach (var chunk in lines.Chunk(MaxBatch))
        {
            var marks = chunk.Select(line => new TableEntity(uploadId, LineKey(line)) { [nameof(LeadRow.SupersededBy)] = byUploadId }).ToList();
            try
            {
                await table.SubmitTransactionAsync(marks.Select(mark => new TableTransactionAction(TableTransactionActionType.UpdateMerge, mark, Azure.ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                foreach (var mark in marks)
                {
                    try
                    {
                        await table.UpdateEntityAsync(mark, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
                    }
                    catch (Azure.RequestFailedException missing) when (missing.Status == 404)
                    {
                        // Deleted with its upload: nothing to mark.
                    }
                }
            }
        }
    }

    /// <summary>Removes every lead of an upload (a file that failed part-way, or a deleted upload); returns how many went.</summary>
    public async Task<int> DeleteUploadAsync(string uploadId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {uploadId}");
        var (batch, deleted) = (new List<TableTransactionAction>(MaxBatch), 0);
        await foreach (var row in table.QueryAsync<LeadRow>(filter, select: KeysOnly, cancellationToken: cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, Azure.ETag.All));
            if (batch.Count == MaxBatch)
            {
                await table.SubmitTransactionAsync(batch, cancellationToken);
                (deleted, batch) = (deleted + batch.Count, new List<TableTransactionAction>(MaxBatch));
            }
        }

        if (batch.Count > 0) await table.SubmitTransactionAsync(batch, cancellationToken);
        return deleted + batch.Count;
    }

    private static string LineRange(string uploadId, long firstLine, long lastLine) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {uploadId} and RowKey ge {LineKey(firstLine)} and RowKey le {LineKey(lastLine)}");

    private static string LineKey(long line) => line.ToString("D8", CultureInfo.InvariantCulture);

    private static readonly string[] KeysOnly = [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey)];

    private static Lead ToLead(LeadRow row) => row.ToLead(row.PartitionKey + "-" + row.RowKey);
}
