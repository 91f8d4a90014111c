using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// A lead as the leads table holds it: its line, its fields, and the upload that stored a newer version of its person
/// (null while it is the newest). The version is outdated only while that upload counts (is committed).
/// </summary>
public sealed record StoredLead(long Line, Lead Lead, string? SupersededBy);
