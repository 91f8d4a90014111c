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

    public void SetLead(Lead lead)
    {
        Name = lead.Name;
        Role = lead.Role;
        Company = lead.Company;
        Industry = lead.Industry;
        Location = lead.Location;
        LinkedinBio = lead.LinkedinBio;
    }

    public Lead ToLead(string leadId) =>
        new(leadId, Name ?? "", Role ?? "", Company ?? "", Industry ?? "", Location ?? "", LinkedinBio ?? "");
}
