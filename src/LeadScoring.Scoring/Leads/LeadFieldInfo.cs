namespace LeadScoring.Scoring.Leads;

/// <summary>
/// One of the lead's fields (<see cref="LeadFields"/>): its position in <see cref="LeadFields.All"/>, its
/// <see cref="Name"/> (the <see cref="Lead"/> property and the table column), its <see cref="WireName"/> (JSON, queue
/// messages, a <c>mapping</c>, the export's header), how a sentence names it, and how it is read from a lead.
/// <see cref="IsSeed"/> marks the original service's six fields, the ones scoring and the AI read; the others are
/// kept from the file for the team's CRM.
/// </summary>
public sealed record LeadFieldInfo(int Index, string Name, string WireName, string Label, Func<Lead, string> Of, bool IsSeed)
{
    public override string ToString() => WireName;
}
