using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>
/// Table <c>runs</c>, row "sweep": how many leads the sweeper sent again for the run, in all; rows
/// "redrive|{leadId}": how often it sent that lead (<see cref="Redriven"/> is the count for the lead).
/// </summary>
internal sealed class RunSweepRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Redriven { get; set; }
}
