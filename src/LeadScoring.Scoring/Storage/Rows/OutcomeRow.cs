using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>outcomes</c>: what became of one person for one offer; partition = offer id, row = person id.</summary>
internal sealed class OutcomeRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>positive, negative or open.</summary>
    public string? Outcome { get; set; }

    /// <summary>The value as the source wrote it ("Closed Won").</summary>
    public string? Value { get; set; }

    /// <summary>The column it came from ("Lifecycle Stage").</summary>
    public string? Column { get; set; }

    public DateTimeOffset? RecordedAt { get; set; }
}
