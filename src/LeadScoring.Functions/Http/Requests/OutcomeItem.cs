namespace LeadScoring.Functions.Http.Requests;

/// <summary>
/// One outcome of <c>POST /outcomes</c> as JSON: the person (an email, a LinkedIn URL, a record id, or the
/// <c>lead_id</c> of a result) and what became of them, in any value the CSV's outcome columns take.
/// </summary>
public sealed record OutcomeItem(string? Email, string? LinkedinUrl, string? RecordId, string? LeadId, string? Outcome);
