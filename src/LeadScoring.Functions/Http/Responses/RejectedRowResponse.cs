using LeadScoring.Scoring.Leads;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>A row of a file by its line, and what was wrong with it (rejected, stored with a warning, repeated, unmatched).</summary>
public sealed record RejectedRowResponse(long Line, string Error)
{
    public static RejectedRowResponse From(RejectedRow row) => new(row.Line, row.Error);
}
