using System.Globalization;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// Carries on a background import whose step message went missing (held by an instance that died or lost storage):
/// an import that stored no part for <see cref="SweepOptions.StallAfter"/> gets its next step again. The upload's
/// row is the import's cursor, so a repeated step stores nothing twice. An import still stalled at the same part after
/// <see cref="SweepOptions.MaxRedrives"/> sweeps and <see cref="SweepOptions.GiveUpAfter"/> fails with the reason, as a
/// poisoned step would.
/// </summary>
public sealed class ImportSweeper(
    UploadTable uploads, SweepTable sweeps, ImportQueue steps, ImportStepHandler handler, TimeProvider clock, IOptions<SweepOptions> options, ILogger<ImportSweeper> logger)
{
    public async Task SweepAsync(Watched import, CancellationToken cancellationToken)
    {
        // A moving import costs this one read.
        var progress = await uploads.GetImportAsync(import.Id, cancellationToken);
        if (progress is not { Status: UploadStatus.Importing })
        {
            await sweeps.ForgetAsync(import, cancellationToken);
            return;
        }

        var quiet = clock.GetUtcNow() - import.QuietSince(progress.ChangedAt);
        if (quiet < options.Value.StallAfter || await sweeps.ClaimAsync(import, progress.PartsDone, cancellationToken) is not { } claimed) return;

        // Past the bound, and long enough after the first sweep here that the step's first message must have come back.
        if (claimed.Sweeps > options.Value.MaxRedrives && clock.GetUtcNow() - claimed.FirstSweptAt >= options.Value.GiveUpAfter)
        {
            await handler.FailAsync(import.Id, string.Create(CultureInfo.InvariantCulture,
                $"The import stopped at part {progress.PartsDone + 1} of {progress.Parts} and was sent on {options.Value.MaxRedrives} times without storing it; upload the file again."), cancellationToken);
            await sweeps.ForgetAsync(claimed, cancellationToken);
            return;
        }

        if (claimed.Sweeps > options.Value.MaxRedrives) return;
        logger.ImportSwept(import.Id, quiet, progress.PartsDone + 1, progress.Parts);
        await steps.SendAsync(new ImportLeadsMessage(import.Id, progress.PartsDone, import.OfferId), cancellationToken);
    }
}
