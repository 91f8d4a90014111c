using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>runs</c>, row "run": the run's offer, how many leads it queued, and when it started and ended.</summary>
internal sealed class RunRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? OfferId { get; set; }

    /// <summary>The version of the offer's learned model when the run started: its leads carry that model's likelihood.</summary>
    public string? ModelVersion { get; set; }

    public int Queued { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>A fan-out queued more or fewer leads than the run expected: its "fanout|" rows correct <see cref="Queued"/>.</summary>
    public bool Adjusted { get; set; }
}
