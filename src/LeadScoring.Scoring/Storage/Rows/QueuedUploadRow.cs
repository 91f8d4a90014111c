using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>uploads</c>, partition "queued|{offerId}": the upload is claimed by a run of the offer.</summary>
internal sealed class QueuedUploadRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? RunId { get; set; }

    public DateTimeOffset? QueuedAt { get; set; }
}
