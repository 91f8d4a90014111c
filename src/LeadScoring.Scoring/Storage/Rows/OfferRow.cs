using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>offers</c>: one offer; the keyword overrides are JSON.</summary>
internal sealed class OfferRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Name { get; set; }

    public string? ValueProps { get; set; }

    public string? IdealUseCases { get; set; }

    public string? Keywords { get; set; }

    /// <summary>JSON arrays, when the client sent lists; null otherwise.</summary>
    public string? ValuePropsList { get; set; }

    public string? IdealUseCasesList { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }
}
