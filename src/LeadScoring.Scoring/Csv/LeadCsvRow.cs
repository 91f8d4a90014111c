using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Scoring.Csv;

/// <summary>
/// One data row of an uploaded file: a lead (Id still empty), or the reason the row was rejected. An accepted row
/// may carry a <see cref="Warning"/> (a blank name: scored, with fewer completeness points).
/// </summary>
public sealed record LeadCsvRow(long Line, Lead? Lead, string? Error)
{
    public string? Warning { get; init; }

    /// <summary>What became of the lead, when a column says so in a value the service reads (see <c>Outcomes/OutcomeValues</c>).</summary>
    public OutcomeReading? Outcome { get; init; }

    /// <summary>Why the row's outcome could not be read (a value no CRM writes); the lead itself is still read.</summary>
    public string? OutcomeProblem { get; init; }

    /// <summary>Who the accepted row's lead is (see <see cref="PersonIdentity"/>).</summary>
    public PersonIdentity? Identity { get; init; }

    public static LeadCsvRow Rejected(long line, string error) => new(line, null, error);
}
