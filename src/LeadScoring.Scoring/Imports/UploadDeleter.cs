using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// Removes an upload: its leads, every offer's results scored from them, its "queued" claims and the upload itself, and
/// nothing else. The upload first stops counting, so no run started meanwhile queues it, and the identity index passes
/// over its versions from then on (a person it updated falls back to the version before). A delete that storage
/// interrupts is finished by the next one. Results a run still in flight writes for the upload's leads afterwards are
/// not removed.
/// </summary>
public sealed class UploadDeleter(
    UploadTable uploads, LeadTable leads, ResultTable results, OfferTable offers, ImportStore staging, ILogger<UploadDeleter> logger)
{
    /// <summary>What went; null when there is no such upload.</summary>
    public async Task<UploadDeleted?> DeleteAsync(string uploadId, CancellationToken cancellationToken)
    {
        if (await uploads.BeginDeleteAsync(uploadId, cancellationToken) is not { } upload) return null;

        var offerIds = new List<string>();
        await foreach (var offer in offers.ListAsync(cancellationToken)) offerIds.Add(offer.Id);
        var resultsDeleted = 0;
        foreach (var offerId in offerIds) resultsDeleted += await results.DeleteUploadAsync(offerId, uploadId, cancellationToken);
        var leadsDeleted = await leads.DeleteUploadAsync(uploadId, cancellationToken);
        await uploads.DeleteClaimsAsync(uploadId, offerIds, cancellationToken);
        await staging.DeleteAsync(uploadId, findings: true, cancellationToken);
        await uploads.DeleteAsync(uploadId, cancellationToken);

        logger.UploadDeleted(uploadId, leadsDeleted, resultsDeleted);
        return new UploadDeleted(uploadId, leadsDeleted, resultsDeleted);
    }
}
