using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Csv;

/// <summary>
/// One data row of an uploaded file: a lead (Id still empty), or the reason the row was rejected. An accepted row
/// may carry a <see cref="Warning"/> (a blank name: scored, with fewer completeness points).
/// </summary>
public sealed record LeadCsvRow(long Line, Lead? Lead, string? Error)
{
    public string? Warning { get; init; }

    /// <summary>Who the accepted row's lead is (see <see cref="PersonIdentity"/>).</summary>
    public PersonIdentity? Identity { get; init; }

    public static LeadCsvRow Rejected(long line, string error) => new(line, null, error);
}
