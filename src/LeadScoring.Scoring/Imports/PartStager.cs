using System.Threading.Channels;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// Stages an upload's rows in parts of <c>partRows</c> on a task of its own: reading and checking the file takes one
/// core, serialising, compressing and sending its parts another, and with the two overlapping a large file is answered
/// sooner (docs/benchmarks.md). A failure on either side stops both; a part not completed is never committed.
/// </summary>
internal sealed class PartStager : IAsyncDisposable
{
    /// <summary>Rows read ahead of the part being written: enough to ride out a block sent to the blob.</summary>
    private const int RowsAhead = 4096;

    private readonly Channel<StagedLead> rows = Channel.CreateBounded<StagedLead>(
        new BoundedChannelOptions(RowsAhead) { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource stopping;
    private readonly Task staging;
    private StagedPartWriter? part;

    public PartStager(ImportStore store, string uploadId, int partRows, CancellationToken cancellationToken)
    {
        stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        staging = Task.Run(() => StageAsync(store, uploadId, partRows, stopping.Token), CancellationToken.None);
    }

    /// <summary>Parts begun; read it once the stager has completed or been disposed.</summary>
    public int Parts { get; private set; }

    public async ValueTask WriteAsync(StagedLead row, CancellationToken cancellationToken)
    {
        try
        {
            await rows.Writer.WriteAsync(row, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            await staging; // the staging failed: its own exception, not the channel's
            throw;
        }
    }

    /// <summary>Commits the last part once every row written before is in it.</summary>
    public async Task CompleteAsync()
    {
        rows.Writer.TryComplete();
        await staging;
    }

    /// <summary>Stops the staging (a no-op after <see cref="CompleteAsync"/>) and leaves an unfinished part uncommitted.</summary>
    public async ValueTask DisposeAsync()
    {
        rows.Writer.TryComplete();
        await stopping.CancelAsync();
        await staging.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (part is not null) await part.DisposeAsync();
        stopping.Dispose();
    }

    private async Task StageAsync(ImportStore store, string uploadId, int partRows, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var row in rows.Reader.ReadAllAsync(cancellationToken))
            {
                if (part is { } full && full.Rows == partRows) await CompletePartAsync(full, cancellationToken);
                part ??= await store.CreatePartAsync(uploadId, Parts++, cancellationToken);
                await part.WriteAsync(row, cancellationToken);
            }

            if (part is { } last) await CompletePartAsync(last, cancellationToken);
        }
        catch (Exception e)
        {
            rows.Writer.TryComplete(e); // the reader's next write fails rather than waiting on a full channel
            throw;
        }
    }

    private async Task CompletePartAsync(StagedPartWriter full, CancellationToken cancellationToken)
    {
        await full.CompleteAsync(cancellationToken);
        await full.DisposeAsync();
        part = null;
    }
}
