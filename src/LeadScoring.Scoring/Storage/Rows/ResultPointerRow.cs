using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>results</c>, row "person|{personId}": which score row holds the person's current result, from which lead.</summary>
internal sealed class ResultPointerRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? ScoreKey { get; set; }

    /// <summary>The copy of the score row ordered by likelihood, when the result has one.</summary>
    public string? LikelyKey { get; set; }

    public int Score { get; set; }

    public string? RunId { get; set; }

    /// <summary>The version scored: "{uploadId}-{line}".</summary>
    public string? LeadId { get; set; }
}
