using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>uploads</c>, partition "upload": one file, which counts once it is committed.</summary>
internal sealed class UploadRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public bool Committed { get; set; }

    public int Inserted { get; set; }

    public long LastLine { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? CommittedAt { get; set; }
}
