using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>runs</c>, row "fanout|{uploadId}": the first line of the upload not fanned out yet.</summary>
internal sealed class FanOutRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long NextLine { get; set; }
}
