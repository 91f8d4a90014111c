using System.Text.Json.Serialization;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Runs;

/// <summary>
/// One lead to score in one run (queue <c>score-leads</c>). The names are pinned so the Functions worker's
/// default serializer and ours read the same JSON. The planner puts the lead's fields in the message, so the scorer
/// need not read the lead back; a lead too large for a queue message (or an older message) has none.
/// </summary>
public sealed record ScoreLeadMessage(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("offer_id")] string OfferId,
    [property: JsonPropertyName("lead_id")] string LeadId,
    [property: JsonPropertyName("lead"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] QueuedLead? Lead = null);

/// <summary>A lead's fields as carried in a <see cref="ScoreLeadMessage"/>.</summary>
public sealed record QueuedLead(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("company")] string Company,
    [property: JsonPropertyName("industry")] string Industry,
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("linkedin_bio")] string LinkedinBio)
{
    public static QueuedLead From(Lead lead) => new(lead.Name, lead.Role, lead.Company, lead.Industry, lead.Location, lead.LinkedinBio);

    public Lead ToLead(string leadId) => new(leadId, Name, Role, Company, Industry, Location, LinkedinBio);
}
