using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>
/// Table <c>people</c>: partition = the first hex digit of a person id, row = the first three. One row holds
/// every indexed person whose id starts so, one entry a line ("personId,leadId,fieldsHash,previousLeadId,previousHash"),
/// spread over <see cref="Parts"/> string properties because one holds at most 32K characters.
/// </summary>
internal sealed class PersonGroupRow : ITableEntity
{
    public const int Parts = 8;

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? P0 { get; set; }

    public string? P1 { get; set; }

    public string? P2 { get; set; }

    public string? P3 { get; set; }

    public string? P4 { get; set; }

    public string? P5 { get; set; }

    public string? P6 { get; set; }

    public string? P7 { get; set; }

    public string[] GetParts() => [P0 ?? "", P1 ?? "", P2 ?? "", P3 ?? "", P4 ?? "", P5 ?? "", P6 ?? "", P7 ?? ""];

    public void SetParts(IReadOnlyList<string> parts)
    {
        string? At(int i) => i < parts.Count && parts[i].Length > 0 ? parts[i] : null;
        (P0, P1, P2, P3, P4, P5, P6, P7) = (At(0), At(1), At(2), At(3), At(4), At(5), At(6), At(7));
    }
}
