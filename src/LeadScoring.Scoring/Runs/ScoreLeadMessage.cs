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
    public static QueuedLead From(Lead lead) => new(lead.Name, lead.Role, lead.Company, lead.Industry, lead.Location, lead.LinkedinBio);

    public Lead ToLead(string leadId) => new(leadId, Name, Role, Company, Industry, Location, LinkedinBio);
}
