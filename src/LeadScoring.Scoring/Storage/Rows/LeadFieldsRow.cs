using System.Reflection;
using Azure;
using Azure.Data.Tables;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>
/// The lead's fields as table columns, shared by the leads table and the result rows that copy them. The SDK binds a
/// typed row by its properties, so each field has one here; they are read and written by the names in
/// <see cref="LeadFields"/>, never one by one, and a field without its column stops the type from loading.
/// </summary>
internal abstract class LeadFieldsRow : ITableEntity
{
    private static readonly PropertyInfo[] LeadColumns =
    [
        .. LeadFields.All.Select(field => typeof(LeadFieldsRow).GetProperty(field.Name)
            ?? throw new InvalidOperationException($"The lead field {field.Name} has no column in {nameof(LeadFieldsRow)}.")),
    ];

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Company { get; set; }

    public string? Industry { get; set; }

    public string? Location { get; set; }

    public string? LinkedinBio { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? LinkedinUrl { get; set; }

    public string? Website { get; set; }

    public string? Seniority { get; set; }

    public string? Department { get; set; }

    public string? RecordId { get; set; }

    /// <summary>The person the lead is a version of; absent on rows stored before ids were kept with them.</summary>
    public string? PersonId { get; set; }

    public void SetLead(Lead lead)
    {
        // Blank fields are not written: most files have few of them, and a missing column reads back as "".
        foreach (var field in LeadFields.All)
        {
            LeadColumns[field.Index].SetValue(this, NullIfEmpty(field.Of(lead)));
        }

        PersonId = NullIfEmpty(lead.PersonId);
    }

    public Lead ToLead(string leadId) =>
        LeadFields.Create(leadId, field => (string?)LeadColumns[field.Index].GetValue(this)) with { PersonId = PersonId ?? "" };

    /// <summary>
    /// A lead as a batch writes it, without its blank columns: the SDK sends a null property as <c>"Phone": null</c>
    /// and the table keeps it, which a 100,000-lead upload pays for in every transaction. A missing column reads back as
    /// null. Built from the lead's fields directly: the upload's hot path pays for no reflection.
    /// </summary>
    public static TableEntity WrittenEntity(string partitionKey, string rowKey, Lead lead)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        foreach (var field in LeadFields.All)
        {
            if (field.Of(lead) is { Length: > 0 } value) entity[field.Name] = value;
        }

        if (lead.PersonId.Length > 0) entity[nameof(PersonId)] = lead.PersonId;
        return entity;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
