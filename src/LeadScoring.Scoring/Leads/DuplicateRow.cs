namespace LeadScoring.Scoring.Leads;

/// <summary>The fields that tell two people apart, as a possible duplicate lists them.</summary>
public sealed record DuplicateRow(string Name, string Company, string Role, string Industry, string Location, string Email)
{
    public static DuplicateRow Of(Lead lead) => new(lead.Name, lead.Company, lead.Role, lead.Industry, lead.Location, lead.Email);
}
