using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// What recording outcomes did: the rows read, the people matched (and recorded, one outcome each), the rows that
/// matched no one or had no outcome the service reads (first 1,000 listed with their lines and why), and the recorded
/// outcomes by kind. <see cref="Repeated"/> rows named a person a later row of the same input named again.
/// </summary>
public sealed record OutcomeImportReport(
    string OfferId,
    int Rows,
    int Matched,
    IReadOnlyList<RejectedRow> Unmatched,
    int UnmatchedTotal,
    IReadOnlyDictionary<OutcomeKind, int> ByOutcome)
{
    public int Repeated { get; init; }
}
