namespace LeadScoring.Scoring.Leads;

/// <summary>What reading a staged file found besides its leads: the rows listed in the upload's answer.</summary>
public sealed record ImportFindings(
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<RejectedRow> Warnings,
    IReadOnlyList<RejectedRow> Duplicates);
