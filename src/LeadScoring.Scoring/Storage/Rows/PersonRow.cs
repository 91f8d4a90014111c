using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>
/// Table <c>people</c>: partition = the person id's first hex digit (16 buckets), row = person id. Which stored lead is
/// the person's current version, and the one before it (the fallback when the current one's upload fails or is deleted).
/// </summary>
internal sealed class PersonRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? LeadId { get; set; }

    public string? FieldsHash { get; set; }

    public string? PreviousLeadId { get; set; }

    public string? PreviousFieldsHash { get; set; }
}
