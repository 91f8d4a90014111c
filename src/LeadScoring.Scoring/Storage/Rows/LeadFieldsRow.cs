using Azure;
using Azure.Data.Tables;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>The lead's fields as table columns, shared by the leads table and the result rows that copy them.</summary>
internal abstract class LeadFieldsRow : ITableEntity
{
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
        Name = lead.Name;
        Role = lead.Role;
        Company = lead.Company;
        Industry = lead.Industry;
        Location = lead.Location;
        LinkedinBio = lead.LinkedinBio;
        // Blank extras are not written: most files have few of them, and a missing column reads back as "".
        Email = NullIfEmpty(lead.Email);
        Phone = NullIfEmpty(lead.Phone);
        LinkedinUrl = NullIfEmpty(lead.LinkedinUrl);
        Website = NullIfEmpty(lead.Website);
        Seniority = NullIfEmpty(lead.Seniority);
        Department = NullIfEmpty(lead.Department);
        RecordId = NullIfEmpty(lead.RecordId);
        PersonId = NullIfEmpty(lead.PersonId);
    }

    public Lead ToLead(string leadId) =>
        new(leadId, Name ?? "", Role ?? "", Company ?? "", Industry ?? "", Location ?? "", LinkedinBio ?? "")
        {
            Email = Email ?? "",
            Phone = Phone ?? "",
            LinkedinUrl = LinkedinUrl ?? "",
            Website = Website ?? "",
            Seniority = Seniority ?? "",
            Department = Department ?? "",
            RecordId = RecordId ?? "",
            PersonId = PersonId ?? "",
        };

    /// <summary>
    /// The row as a batch writes it, without its blank columns: the SDK sends a null property as <c>"Phone": null</c>
    /// and the table keeps it, which a 100,000-lead upload pays for in every transaction. A missing column reads back as null.
    /// </summary>
    public TableEntity ToWrittenEntity()
    {
        var entity = new TableEntity(PartitionKey, RowKey);
        foreach (var (name, value) in Columns())
        {
            if (value is not null) entity[name] = value;
        }

        return entity;
    }

    private IEnumerable<(string Name, string? Value)> Columns() =>
    [
        (nameof(Name), Name), (nameof(Role), Role), (nameof(Company), Company), (nameof(Industry), Industry),
        (nameof(Location), Location), (nameof(LinkedinBio), LinkedinBio), (nameof(Email), Email), (nameof(Phone), Phone),
        (nameof(LinkedinUrl), LinkedinUrl), (nameof(Website), Website), (nameof(Seniority), Seniority),
        (nameof(Department), Department), (nameof(RecordId), RecordId), (nameof(PersonId), PersonId),
    ];

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
