namespace LeadScoring.Scoring.Leads;

/// <summary>
/// A prospect as uploaded. Blank CSV cells are empty strings, never null.
/// <see cref="Id"/> is empty until storage assigns one ("{uploadId}-{line}").
/// The positional fields are the seed's and are what scoring reads; the others are kept from the file so a team
/// can take the scores back into its CRM (by <see cref="RecordId"/>, <see cref="Email"/>...). They never reach the AI.
/// </summary>
public sealed record Lead(
    string Id,
    string Name,
    string Role,
    string Company,
    string Industry,
    string Location,
    string LinkedinBio)
{
    public string Email { get; init; } = "";

    public string Phone { get; init; } = "";

    public string LinkedinUrl { get; init; } = "";

    public string Website { get; init; } = "";

    /// <summary>A seniority the file states (Apollo: c_suite, vp, director...), used when the title matches no keyword.</summary>
    public string Seniority { get; init; } = "";

    public string Department { get; init; } = "";

    /// <summary>The source's own id of the record (HubSpot Record ID, Salesforce Lead ID...).</summary>
    public string RecordId { get; init; } = "";

    /// <summary>
    /// The person a lead without a strong identity (email, LinkedIn URL, record id) was matched to when it was stored
    /// (<see cref="PersonIdentity"/>); empty where the fields say it (<see cref="PersonIdentity.PersonIdBefore"/>).
    /// </summary>
    public string PersonId { get; init; } = "";
}
