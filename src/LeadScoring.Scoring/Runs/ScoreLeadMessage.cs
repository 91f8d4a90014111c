using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Runs;

/// <summary>
/// One lead to score in one run (queue <c>score-leads</c>), as JSON from <see cref="Storage.QueueJson"/>, which the
/// worker's serializer binds too. The planner puts the lead's fields in the message, so the scorer
/// need not read the lead back; a lead too large for a queue message (or an older message) has none.
/// </summary>
public sealed record ScoreLeadMessage(
    string RunId,
    string OfferId,
    string LeadId,
    QueuedLead? Lead = null);

/// <summary>A lead's fields as carried in a <see cref="ScoreLeadMessage"/>.</summary>
public sealed record QueuedLead(
    string Name,
    string Role,
    string Company,
    string Industry,
    string Location,
    string LinkedinBio)
{
    // The columns kept from the file; null (and so left out of the message) when blank, as most are.
    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? LinkedinUrl { get; init; }

    public string? Website { get; init; }

    public string? Seniority { get; init; }

    public string? Department { get; init; }

    public string? RecordId { get; init; }

    /// <summary>The person the lead is a version of; null in messages queued before ids were kept with leads.</summary>
    public string? PersonId { get; init; }

    public static QueuedLead From(Lead lead) => new(lead.Name, lead.Role, lead.Company, lead.Industry, lead.Location, lead.LinkedinBio)
    {
        Email = NullIfEmpty(lead.Email),
        Phone = NullIfEmpty(lead.Phone),
        LinkedinUrl = NullIfEmpty(lead.LinkedinUrl),
        Website = NullIfEmpty(lead.Website),
        Seniority = NullIfEmpty(lead.Seniority),
        Department = NullIfEmpty(lead.Department),
        RecordId = NullIfEmpty(lead.RecordId),
        PersonId = NullIfEmpty(lead.PersonId),
    };

    public Lead ToLead(string leadId) => new(leadId, Name, Role, Company, Industry, Location, LinkedinBio)
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

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
