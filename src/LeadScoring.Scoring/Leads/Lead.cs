namespace LeadScoring.Scoring.Leads;

/// <summary>
/// A prospect as uploaded. Blank CSV cells are empty strings, never null.
/// <see cref="Id"/> is empty until storage assigns one ("{uploadId}-{line}").
/// </summary>
public sealed record Lead(
    string Id,
    string Name,
    string Role,
    string Company,
    string Industry,
    string Location,
    string LinkedinBio);
