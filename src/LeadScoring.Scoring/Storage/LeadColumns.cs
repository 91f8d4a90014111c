using Azure.Data.Tables;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Storage;

/// <summary>The lead's fields as table columns, shared by the leads table and the result rows that copy them.</summary>
internal static class LeadColumns
{
    public static TableEntity Write(TableEntity entity, Lead lead)
    {
        entity["Name"] = lead.Name;
        entity["Role"] = lead.Role;
        entity["Company"] = lead.Company;
        entity["Industry"] = lead.Industry;
        entity["Location"] = lead.Location;
        entity["LinkedinBio"] = lead.LinkedinBio;
        return entity;
    }

    public static Lead Read(TableEntity entity, string leadId) => new(
        leadId,
        entity.GetString("Name") ?? "",
        entity.GetString("Role") ?? "",
        entity.GetString("Company") ?? "",
        entity.GetString("Industry") ?? "",
        entity.GetString("Location") ?? "",
        entity.GetString("LinkedinBio") ?? "");
}
