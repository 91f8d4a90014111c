namespace LeadScoring.Scoring.Leads;

/// <summary>
/// The lead's fields, defined once: every mapping of a lead (queue message, table row, CSV columns, export, preview,
/// prompt, identity digest) walks <see cref="All"/> instead of naming the fields itself. A new field is a property on
/// <see cref="Lead"/>, an entry here and its line in <see cref="Create"/>; the rest follows.
/// </summary>
public static class LeadFields
{
    public static LeadFieldInfo Name { get; } = new(0, "Name", "name", "name", lead => lead.Name, IsSeed: true);

    public static LeadFieldInfo Role { get; } = new(1, "Role", "role", "role", lead => lead.Role, IsSeed: true);

    public static LeadFieldInfo Company { get; } = new(2, "Company", "company", "company", lead => lead.Company, IsSeed: true);

    public static LeadFieldInfo Industry { get; } = new(3, "Industry", "industry", "industry", lead => lead.Industry, IsSeed: true);

    public static LeadFieldInfo Location { get; } = new(4, "Location", "location", "location", lead => lead.Location, IsSeed: true);

    public static LeadFieldInfo LinkedinBio { get; } = new(5, "LinkedinBio", "linkedin_bio", "bio", lead => lead.LinkedinBio, IsSeed: true);

    public static LeadFieldInfo Email { get; } = new(6, "Email", "email", "email", lead => lead.Email, IsSeed: false);

    public static LeadFieldInfo Phone { get; } = new(7, "Phone", "phone", "phone", lead => lead.Phone, IsSeed: false);

    public static LeadFieldInfo LinkedinUrl { get; } = new(8, "LinkedinUrl", "linkedin_url", "LinkedIn URL", lead => lead.LinkedinUrl, IsSeed: false);

    public static LeadFieldInfo Website { get; } = new(9, "Website", "website", "website", lead => lead.Website, IsSeed: false);

    public static LeadFieldInfo Seniority { get; } = new(10, "Seniority", "seniority", "seniority", lead => lead.Seniority, IsSeed: false);

    public static LeadFieldInfo Department { get; } = new(11, "Department", "department", "department", lead => lead.Department, IsSeed: false);

    public static LeadFieldInfo RecordId { get; } = new(12, "RecordId", "record_id", "record id", lead => lead.RecordId, IsSeed: false);

    /// <summary>
    /// Every field, in the order the identity digests join them (<see cref="PersonIdentity.FieldsHash"/>): a new field
    /// goes last, and changes every digest once (each person reads as updated on the next upload).
    /// </summary>
    public static IReadOnlyList<LeadFieldInfo> All { get; } =
        [Name, Role, Company, Industry, Location, LinkedinBio, Email, Phone, LinkedinUrl, Website, Seniority, Department, RecordId];

    /// <summary>The columns kept from the file beside the seed's, in the order results and the export list them: the CRM's record id first, to join on.</summary>
    public static IReadOnlyList<LeadFieldInfo> Kept { get; } = [.. All.Where(field => !field.IsSeed).OrderBy(field => field == RecordId ? 0 : 1)];

    /// <summary>A lead of the given id whose every field is <paramref name="value"/>'s answer for it (null reads as blank).</summary>
    public static Lead Create(string id, Func<LeadFieldInfo, string?> value) =>
        new(id, value(Name) ?? "", value(Role) ?? "", value(Company) ?? "", value(Industry) ?? "", value(Location) ?? "", value(LinkedinBio) ?? "")
        {
            Email = value(Email) ?? "",
            Phone = value(Phone) ?? "",
            LinkedinUrl = value(LinkedinUrl) ?? "",
            Website = value(Website) ?? "",
            Seniority = value(Seniority) ?? "",
            Department = value(Department) ?? "",
            RecordId = value(RecordId) ?? "",
        };

    /// <summary>True when every field is blank.</summary>
    public static bool AreBlank(Lead lead) => All.All(field => field.Of(lead).Length == 0);

    /// <summary>The fields that are not blank, by wire name (a queue message, a preview).</summary>
    public static Dictionary<string, string> ToWire(Lead lead)
    {
        var values = new Dictionary<string, string>(All.Count, StringComparer.Ordinal);
        foreach (var field in All)
        {
            if (field.Of(lead) is { Length: > 0 } value) values[field.WireName] = value;
        }

        return values;
    }

    /// <summary>Every field by wire name, blank ones too (a preview shows what each field would hold).</summary>
    public static Dictionary<string, string> AllToWire(Lead lead) => All.ToDictionary(field => field.WireName, field => field.Of(lead), StringComparer.Ordinal);

    /// <summary>The lead whose fields <see cref="ToWire"/> gave (a missing field is blank).</summary>
    public static Lead FromWire(string id, IReadOnlyDictionary<string, string> values) =>
        Create(id, field => values.GetValueOrDefault(field.WireName));
}
