using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>sweeps</c>: one run or background import the sweeper watches (see <see cref="SweepTable"/>).</summary>
internal sealed class WatchRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The run's offer; for an import, the offer its outcomes are recorded for (if any).</summary>
    public string? OfferId { get; set; }

    public DateTimeOffset? Since { get; set; }

    /// <summary>When an instance last said it works on it (<see cref="SweepHeartbeat"/>).</summary>
    public DateTimeOffset? AliveAt { get; set; }

    /// <summary>When the sweeper last sent the work's messages again.</summary>
    public DateTimeOffset? SweptAt { get; set; }

    /// <summary>For an import: the part it was stalled at when last swept, and how often it was swept there.</summary>
    public int Part { get; set; }

    public int Sweeps { get; set; }

    /// <summary>When it was first swept at <see cref="Part"/>.</summary>
    public DateTimeOffset? FirstSweptAt { get; set; }
}
