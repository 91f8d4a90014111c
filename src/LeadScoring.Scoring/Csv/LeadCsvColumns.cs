using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Csv;

/// <summary>
/// How header cells name <see cref="LeadField"/>s: the seed's own names and what the common CRM and list exports write
/// (docs/csv.md, "Lead files"). Names are compared ignoring case and everything but letters and digits, so
/// <c>Job Title</c>, <c>job_title</c> and <c>jobTitle</c> are one name, and a Pipedrive-style <c>Person - </c> prefix
/// is dropped. Where a file has several names for one field (Salesforce's <c>Description</c> beside a
/// <c>Summary</c>), the one listed first here wins.
/// </summary>
public static class LeadCsvColumns
{
    private static readonly (LeadField Field, string[] Names)[] Aliases =
    [
        (LeadField.Name, ["name", "full name", "contact name", "lead name", "person name", "prospect name"]),
        (LeadField.FirstName, ["first name", "given name"]),
        (LeadField.LastName, ["last name", "surname", "family name"]),
        (LeadField.Role, ["role", "job title", "title", "position", "designation", "job position", "current title"]),
        (LeadField.Company, ["company", "company name", "company / account", "account name", "account", "organization", "organisation",
            "organization name", "current company", "employer"]),
        (LeadField.Industry, ["industry", "sector", "company industry"]),
        (LeadField.Location, ["location", "person location", "geography"]),
        (LeadField.City, ["city", "mailing city", "person city"]),
        (LeadField.State, ["state", "state/region", "state/province", "province", "region", "mailing state/province", "mailing state"]),
        (LeadField.Country, ["country", "country/region", "mailing country", "person country"]),
        (LeadField.LinkedinBio, ["linkedin bio", "bio", "summary", "about", "headline", "profile summary", "description"]),
        (LeadField.Email, ["email", "email address", "work email", "email - work", "business email", "primary email"]),
        (LeadField.Phone, ["phone", "phone number", "work phone", "work direct phone", "phone - work", "mobile", "mobile phone",
            "mobile phone number", "first phone", "corporate phone"]),
        (LeadField.LinkedinUrl, ["linkedin url", "linkedin", "person linkedin url", "linkedin profile", "linkedin profile url", "default profile url", "profile url"]),
        (LeadField.Website, ["website", "website url", "company website", "company domain name", "domain", "url"]),
        (LeadField.Seniority, ["seniority", "seniority level"]),
        (LeadField.Department, ["department", "departments", "job function", "function"]),
        (LeadField.RecordId, ["record id", "lead id", "contact id", "apollo contact id", "person id", "id"]),
        (LeadField.Outcome, ["outcome", "result", "conversion outcome", "won lost", "deal status"]),
        (LeadField.LeadStatus, ["lead status", "status", "hs lead status", "lead status name", "lead stage"]),
        (LeadField.LifecycleStage, ["lifecycle stage", "lifecycle"]),
        (LeadField.Stage, ["stage", "deal stage", "opportunity stage", "stage name", "sales stage"]),
        (LeadField.Converted, ["converted", "is converted", "lead converted"]),
    ];

    /// <summary>The columns that say what became of a lead, in the order their outcome is read.</summary>
    public static IReadOnlyList<LeadField> OutcomeFields { get; } = [LeadField.Outcome, LeadField.Stage, LeadField.Converted, LeadField.LeadStatus, LeadField.LifecycleStage];

    /// <summary>Normalised name → (field, rank: lower wins).</summary>
    private static readonly FrozenDictionary<string, (LeadField Field, int Rank)> ByName = Aliases
        .SelectMany(alias => alias.Names.Select((name, rank) => (Key: Normalize(name), Value: (alias.Field, rank))))
        .ToFrozenDictionary(pair => pair.Key, pair => pair.Value);

    private static readonly FrozenDictionary<string, LeadField> ByWireName = Enum.GetValues<LeadField>()
        .ToFrozenDictionary(WireName, field => field, StringComparer.OrdinalIgnoreCase);

    // A file column for each of the lead's fields, by name; a field without one stops the type from loading.
    private static readonly LeadField[] ColumnsOfFields =
    [
        .. LeadFields.All.Select(field => Enum.TryParse<LeadField>(field.Name, out var column)
            ? column
            : throw new InvalidOperationException($"The lead field {field.Name} has no {nameof(LeadField)} to be read from a file.")),
    ];

    /// <summary>The seed's header, as the example in error messages.</summary>
    public const string ExampleHeader = "name,role,company,industry,location,linkedin_bio";

    /// <summary>The names a mapping may use, in order.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = [.. Enum.GetValues<LeadField>().Select(WireName)];

    /// <summary>
    /// The scoring inputs a file should have a column for, each with words that suggest a column holds it and what
    /// every lead loses without it (the seed's rule table: role 20, industry 20, completeness 2 a field).
    /// </summary>
    internal static IReadOnlyList<(LeadField Field, string[] Hints, string Loss)> ScoringInputs { get; } =
    [
        (LeadField.Name, ["name", "contact", "person", "lead", "prospect"],
            "every lead loses 2 of the 10 completeness points and no row can be re-identified by name and company"),
        (LeadField.Role, ["title", "job", "position", "role", "designation", "titel", "poste", "cargo", "funktion"],
            "every lead gets 0 of the 20 role points, and the AI judges it without a role"),
        (LeadField.Company, ["company", "account", "organi", "employer", "firm", "business", "firma", "unternehmen", "empresa", "societe", "entreprise"],
            "every lead loses 2 of the 10 completeness points, the AI judges it without a company, and no row can be re-identified by name and company"),
        (LeadField.Industry, ["industry", "sector", "vertical", "branche", "secteur", "market"],
            "every lead gets 0 of the 20 industry points, and the AI judges it without an industry"),
    ];

    /// <summary>The file column a lead field is read from.</summary>
    public static LeadField ColumnOf(LeadFieldInfo field) => ColumnsOfFields[field.Index];

    /// <summary>The field a header cell names and how strongly (lower wins); null when it names none.</summary>
    public static (LeadField Field, int Rank)? Recognize(string headerCell)
    {
        var key = Normalize(headerCell);
        if (ByName.TryGetValue(key, out var match)) return match;
        // Pipedrive writes "Person - Name", "Person - Email - Work".
        return key.StartsWith("person", StringComparison.Ordinal) && ByName.TryGetValue(key["person".Length..], out match) ? match : null;
    }

    public static bool TryParseField(string name, out LeadField field) => ByWireName.TryGetValue(name.Trim(), out field);

    public static string WireName(LeadField field) =>
        typeof(LeadField).GetField(field.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name;

    /// <summary>Lower case, letters and digits only: "Company / Account" → "companyaccount".</summary>
    public static string Normalize(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
