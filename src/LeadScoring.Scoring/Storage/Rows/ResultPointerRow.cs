using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>results</c>, row "lead|{leadId}": which score row holds the lead's current result.</summary>
internal sealed class ResultPointerRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? ScoreKey { get; set; }

    public int Score { get; set; }

    public string? RunId { get; set; }
}
