using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>
/// Table <c>runs</c>, row "sweep": how often the sweeper swept the run, and the leads (<see cref="Redriven"/>) and
/// fan-out steps it sent again, in all; rows "redrive|{leadId}": how often it sent that lead (<see cref="Redriven"/>).
/// </summary>
internal sealed class RunSweepRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Redriven { get; set; }

    public int Sweeps { get; set; }

    public int FanOutSteps { get; set; }

    /// <summary>For a lead: when the sweeper first sent it again.</summary>
    public DateTimeOffset? FirstAt { get; set; }
}
