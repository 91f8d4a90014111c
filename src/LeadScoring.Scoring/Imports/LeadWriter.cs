using System.Runtime.CompilerServices;
using System.Text;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// Stores an upload's accepted rows, each person once: the rows are matched against the <c>people</c> index a block
/// at a time (<see cref="PersonMatcher"/>: a few dozen requests per upload, not one per lead), and the new and changed
/// people go to the upload's partition of <c>leads</c> in transactions of up to 100, a few in flight. Unchanged people
/// are counted, not stored. Writes are upserts keyed by line, so storing the same rows again stores nothing twice.
/// </summary>
public sealed class LeadWriter(UploadTable uploads, LeadTable leads, PersonTable people, ConflictRetry conflicts)
{
    private const int MaxBatchesInFlight = 4;

    /// <summary>Rows matched against the index at a time: enough that a block reads the partitions it needs in parallel.</summary>
    private const int MatchBlock = 1000;

    /// <summary>An entity-group transaction may carry at most 4 MiB; stay well below it.</summary>
    private const int MaxBatchBytes = 2 * 1024 * 1024;

    /// <summary>
    /// The index as an import of <paramref name="uploadId"/> sees it: the uploads committed now, and its own, count.
    /// </summary>
    internal async Task<PersonMatcher> OpenIndexAsync(string uploadId, CancellationToken cancellationToken)
    {
        var live = (await uploads.ListCommittedAsync(cancellationToken)).Select(upload => upload.UploadId).ToHashSet(StringComparer.Ordinal);
        live.Add(uploadId);
        return new PersonMatcher(people, conflicts, live);
    }

    /// <summary>Stores the rows (line order) and says what it did with their people; holds a block of them at a time.</summary>
    internal async Task<StoredCounts> StoreAsync(string uploadId, IAsyncEnumerable<StagedLead> rows, PersonMatcher index, CancellationToken cancellationToken)
    {
        var counts = new StoredCounts();
        var pending = new List<Task>();
        var batch = new List<(long Line, Lead Lead)>(LeadTable.MaxBatch);
        var batchBytes = 0;
        try
        {
            await foreach (var block in Blocks(rows, cancellationToken))
            {
                foreach (var (row, version) in await LoadAsync(uploadId, block, index, cancellationToken))
                {
                    switch (index.Match(version))
                    {
                        case PersonMatchOutcome.Unchanged: counts.Unchanged++; continue;
                        case PersonMatchOutcome.Updated: counts.Updated++; break;
                        default: counts.Inserted++; break;
                    }

                    counts.LastLine = Math.Max(counts.LastLine, row.Line);
                    batch.Add((row.Line, row.Lead));
                    batchBytes += EstimatedBytes(row.Lead);
                    if (batch.Count == LeadTable.MaxBatch || batchBytes >= MaxBatchBytes)
                    {
                        await SendAsync(pending, uploadId, batch, cancellationToken);
                        (batch, batchBytes) = (new List<(long, Lead)>(LeadTable.MaxBatch), 0);
                    }
                }
            }

            if (batch.Count > 0) await SendAsync(pending, uploadId, batch, cancellationToken);
        }
        finally
        {
            // Nothing may be written after a caller that saw this fail starts discarding the upload.
            await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(pending);
        return counts;
    }

    /// <summary>
    /// Matches rows an earlier step stored, storing nothing: a step on another instance, or after a restart, brings the
    /// index back to where the import left it, so the import still saves it once, at the end.
    /// </summary>
    internal async Task ReplayAsync(string uploadId, IAsyncEnumerable<StagedLead> rows, PersonMatcher index, CancellationToken cancellationToken)
    {
        await foreach (var block in Blocks(rows, cancellationToken))
        {
            foreach (var (_, version) in await LoadAsync(uploadId, block, index, cancellationToken)) index.Match(version);
        }
    }

    private static async IAsyncEnumerable<StagedLead[]> Blocks(IAsyncEnumerable<StagedLead> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var block = new List<StagedLead>(MatchBlock);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            block.Add(row);
            if (block.Count < MatchBlock) continue;
            yield return [.. block];
            block.Clear();
        }

        if (block.Count > 0) yield return [.. block];
    }

    private static async Task<(StagedLead Row, PersonVersion Version)[]> LoadAsync(
        string uploadId, StagedLead[] block, PersonMatcher index, CancellationToken cancellationToken)
    {
        var versions = block.Select(row => (row, new PersonVersion(
            PersonIdentity.Of(row.Lead)!.PersonId, LeadTable.LeadId(uploadId, row.Line), PersonIdentity.FieldsHash(row.Lead)))).ToArray();
        // A full block means a large file: reading whole partitions once is cheaper than group by group.
        await index.LoadAsync([.. versions.Select(pair => pair.Item2.PersonId)], wholePartitions: block.Length == MatchBlock, cancellationToken);
        return versions;
    }

    private async Task SendAsync(List<Task> pending, string uploadId, List<(long Line, Lead Lead)> batch, CancellationToken cancellationToken)
    {
        if (pending.Count >= MaxBatchesInFlight)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            await finished; // surfaces a failed batch now rather than after the whole file
        }

        pending.Add(leads.AddBatchAsync(uploadId, batch, cancellationToken));
    }

    private static int EstimatedBytes(Lead lead) => Fields(lead).Sum(field => Encoding.UTF8.GetByteCount(field)) * 2 + 512;

    private static IEnumerable<string> Fields(Lead lead) =>
        [lead.Name, lead.Role, lead.Company, lead.Industry, lead.Location, lead.LinkedinBio,
         lead.Email, lead.Phone, lead.LinkedinUrl, lead.Website, lead.Seniority, lead.Department, lead.RecordId];
}

/// <summary>What storing rows did with their people, and the last line it stored.</summary>
internal sealed class StoredCounts
{
    public int Inserted { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public long LastLine { get; set; }
}
