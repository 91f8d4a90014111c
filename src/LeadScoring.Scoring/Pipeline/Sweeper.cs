using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Pipeline;

/// <summary>
/// One sweep of everything watched (<see cref="SweepTable"/>): runs through <see cref="RunSweeper"/>, background
/// imports through <see cref="ImportSweeper"/>. With nothing running it is one query; a failure with one item is
/// logged and leaves the others to be swept.
/// </summary>
public sealed class Sweeper(SweepTable sweeps, RunSweeper runs, ImportSweeper imports, ILogger<Sweeper> logger)
{
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var item in await sweeps.ListAsync(cancellationToken))
        {
            try
            {
                if (item.Kind == SweepTable.Run) await runs.SweepAsync(item, cancellationToken);
                else if (item.Kind == SweepTable.Import) await imports.SweepAsync(item, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.SweepFailed(e, item.Kind, item.Id);
            }
        }
    }
}
