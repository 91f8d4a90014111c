using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Runs;

/// <summary>
/// One lead to score in one run (queue <c>score-leads</c>), as JSON from <see cref="Storage.QueueJson"/>, which the
/// worker's serializer binds too. The planner puts the lead's fields in the message by wire name, blank ones left out
/// (<see cref="LeadFields.ToWire"/>), so the scorer need not read the lead back; a lead too large for a queue message
/// (or an older message) has none.
/// </summary>
public sealed record ScoreLeadMessage(
    string RunId,
    string OfferId,
    string LeadId,
    IReadOnlyDictionary<string, string>? Lead = null)
{
    // The person the lead is a version of, beside its fields; absent in messages queued before ids were kept with leads.
    private const string PersonIdKey = "person_id";

    public static ScoreLeadMessage For(string runId, string offerId, Lead lead)
    {
        var fields = LeadFields.ToWire(lead);
        if (lead.PersonId.Length > 0) fields[PersonIdKey] = lead.PersonId;
        return new ScoreLeadMessage(runId, offerId, lead.Id, fields);
    }

    /// <summary>The lead the message carries, or null when it carries none.</summary>
    public Lead? CarriedLead() =>
        Lead is null ? null : LeadFields.FromWire(LeadId, Lead) with { PersonId = Lead.GetValueOrDefault(PersonIdKey) ?? "" };
}
