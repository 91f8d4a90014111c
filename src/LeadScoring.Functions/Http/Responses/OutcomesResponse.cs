using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// Answer of <c>POST /outcomes</c>: the offer, the rows read, the people matched and recorded (one outcome each; a
/// later row for the same person replaced <see cref="Repeated"/> earlier ones), the rows that matched no one or had no
/// outcome the service reads (first 1,000 with their lines), and the recorded outcomes by kind.
/// </summary>
public sealed record OutcomesResponse(
    string OfferId, int Rows, int Matched, int Repeated, IReadOnlyList<RejectedRowResponse> Unmatched, int UnmatchedTotal, OutcomeCountsResponse ByOutcome)
{
    public static OutcomesResponse From(OutcomeImportReport report) => new(
        report.OfferId, report.Rows, report.Matched, report.Repeated, [.. report.Unmatched.Select(RejectedRowResponse.From)], report.UnmatchedTotal,
        new OutcomeCountsResponse(report.ByOutcome[OutcomeKind.Positive], report.ByOutcome[OutcomeKind.Negative], report.ByOutcome[OutcomeKind.Open]));
}
