using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>judgements</c>: a remembered judgement (label, confidence, reason, when), no lead data.</summary>
internal sealed class JudgementRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Intent { get; set; }

    public double Confidence { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset JudgedAt { get; set; }
}
