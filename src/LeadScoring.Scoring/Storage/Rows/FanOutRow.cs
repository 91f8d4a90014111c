using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>
/// Table <c>runs</c>, row "fanout|{uploadId}": the first line of the upload not fanned out yet, the leads queued so
/// far, and how many more (<see cref="Excess"/>) or fewer (<see cref="Shortfall"/>) the fan-out queued than the run
/// expected of the upload when it started. Written when the run starts, with the upload's last line and the leads the
/// run expects of it, so the sweeper can carry on a fan-out whose step message went missing.
/// </summary>
internal sealed class FanOutRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long NextLine { get; set; }

    public int Sent { get; set; }

    public int Excess { get; set; }

    public int Shortfall { get; set; }

    public long? LastLine { get; set; }

    public int? Expected { get; set; }
}
