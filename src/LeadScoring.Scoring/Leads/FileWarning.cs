namespace LeadScoring.Scoring.Leads;

/// <summary>
/// Something the whole file lacks, said once rather than on every row: <see cref="Field"/> (a mapping's wire name,
/// such as "role") is read from no column, and <see cref="Message"/> says what every lead loses and which mapping
/// would fix it (<see cref="SuggestedMapping"/>, JSON; null when no column of the file looks like it).
/// </summary>
public sealed record FileWarning(string Field, string Message, string? SuggestedMapping);
