using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>runs</c>, row "lead|{leadId}": the lead was counted, with its outcome.</summary>
internal sealed class RunLeadRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Outcome { get; set; }

    public string? Error { get; set; }
}
