using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Imports;

namespace LeadScoring.Functions.Http;

/// <summary>
/// Answer of <c>POST /leads/upload</c>: the seed's {"inserted": n} plus the rejected rows (first 1,000 listed,
/// <see cref="RejectedTotal"/> counts all) and the upload id the leads were stored under.
/// </summary>
public sealed record UploadResponse(int Inserted, IReadOnlyList<RejectedRow> Rejected, int RejectedTotal, string? UploadId)
{
    public static UploadResponse From(LeadImportReport report) => new(report.Inserted, report.Rejected, report.RejectedTotal, report.UploadId);
}
