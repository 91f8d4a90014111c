using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// Answer of <c>POST /outcomes</c>: the offer, the rows read, the people matched and recorded (one outcome each; a
/// later row for the same person replaced <see cref="Repeated"/> earlier ones), the rows that matched no one or had no
/// outcome the service reads (first 1,000 with their lines), and the recorded outcomes by kind.
/// </summary>
public sealed record OutcomesResponse(
    string OfferId, int Rows, int Matched, int Repeated, IReadOnlyList<RejectedRow> Unmatched, int UnmatchedTotal, OutcomeCounts ByOutcome)
{
    public static OutcomesResponse From(OutcomeImportReport report) => new(
        report.OfferId, report.Rows, report.Matched, report.Repeated, report.Unmatched, report.UnmatchedTotal,
        new OutcomeCounts(report.ByOutcome[OutcomeKind.Positive], report.ByOutcome[OutcomeKind.Negative], report.ByOutcome[OutcomeKind.Open]));
}

/// <summary>Recorded outcomes by kind: converted, not converted, still open.</summary>
public sealed record OutcomeCounts(int Positive, int Negative, int Open);
