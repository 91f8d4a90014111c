using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>runs</c>, row "failure|{leadId}" (why a lead failed) or "attempt|{leadId}" (the last error of a failed attempt).</summary>
internal sealed class RunFailureRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? LeadId { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset? At { get; set; }
}
