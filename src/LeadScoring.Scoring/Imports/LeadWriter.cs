using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Outcomes;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// Stores an upload's accepted rows, each person once: the rows are matched against the <c>people</c> index a block
/// at a time (<see cref="PersonMatcher"/>: a few dozen requests per upload, not one per lead), and the new and changed
/// people go to the upload's partition of <c>leads</c> in transactions of up to 100, eight in flight. Unchanged people
/// are counted, not stored. Writes are upserts keyed by line, so storing the same rows again stores nothing twice.
/// </summary>
public sealed class LeadWriter(UploadTable uploads, LeadTable leads, PersonTable people, ConflictRetry conflicts)
{
    /// <summary>
    /// Enough that the table always has the next transaction while this loop builds one (fewer left it idle: docs/benchmarks.md).
    /// </summary>
    private const int MaxBatchesInFlight = 8;

    /// <summary>Blocks read and hashed ahead of the one being matched.</summary>
    private const int BlocksAhead = 2;

    /// <summary>Rows matched against the index at a time: enough that a block reads the partitions it needs in parallel.</summary>
    private const int MatchBlock = 1000;

    /// <summary>An entity-group transaction may carry at most 4 MiB; stay well below it.</summary>
    private const int MaxBatchBytes = 2 * 1024 * 1024;

    /// <summary>
    /// The index as an import of <paramref name="uploadId"/> sees it: the uploads committed now, and its own, count.
    /// </summary>
    /// <param name="sharedNames">The name keys more than one row of the file has (see <see cref="PersonMatcher"/>).</param>
    internal async Task<PersonMatcher> OpenIndexAsync(string uploadId, IReadOnlySet<string> sharedNames, CancellationToken cancellationToken)
    {
        var live = (await uploads.ListCommittedAsync(cancellationToken)).Select(upload => upload.UploadId).ToHashSet(StringComparer.Ordinal);
        live.Add(uploadId);
        return new PersonMatcher(people, conflicts, live, sharedNames);
    }

    /// <summary>
    /// Stores the rows (line order) and says what it did with their people; holds a few blocks of them at a time.
    /// Reading and hashing the next block, matching, and building each transaction overlap with the transactions in
    /// flight, so the table is kept busy rather than waiting on this loop.
    /// </summary>
    internal async Task<StoredCounts> StoreAsync(string uploadId, IAsyncEnumerable<StagedLead> rows, PersonMatcher index, CancellationToken cancellationToken)
    {
        var counts = new StoredCounts();
        var pending = new List<Task>();
        var batch = new List<(long Line, Lead Lead)>(LeadTable.MaxBatch);
        var batchBytes = 0;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var blocks = Channel.CreateBounded<MatchRow[]>(BlocksAhead);
        var reading = ReadAheadAsync(uploadId, rows, blocks.Writer, stopping.Token);
        try
        {
            await foreach (var block in blocks.Reader.ReadAllAsync(cancellationToken))
            {
                await LoadAsync(block, index, cancellationToken);
                foreach (var (row, identity, leadId, fieldsHash) in block)
                {
                    var match = index.Match(identity, leadId, fieldsHash);
                    if (match.SameNameStored > 0) counts.SameNameStored.Add(KeptApart(row, match.SameNameStored));
                    if (row.Outcome is { } outcome) counts.Outcomes.Add((match.PersonId, outcome));
                    switch (match.Outcome)
                    {
                        case PersonMatchOutcome.Unchanged: counts.Unchanged++; continue;
                        case PersonMatchOutcome.Updated: counts.Updated++; counts.Replaced(match.Replaced!); break;
                        default: counts.Inserted++; break;
                    }

                    counts.LastLine = Math.Max(counts.LastLine, row.Line);
                    // A strong identity's id follows from the fields; only a row without one keeps whom it was matched to.
                    var lead = identity.IsStrong ? row.Lead : row.Lead with { PersonId = match.PersonId };
                    batch.Add((row.Line, lead));
                    batchBytes += EstimatedBytes(lead);
                    if (batch.Count == LeadTable.MaxBatch || batchBytes >= MaxBatchBytes)
                    {
                        await SendAsync(pending, uploadId, batch, cancellationToken);
                        (batch, batchBytes) = (new List<(long, Lead)>(LeadTable.MaxBatch), 0);
                    }
                }
            }

            if (batch.Count > 0) await SendAsync(pending, uploadId, batch, cancellationToken);

            // Marked before the upload commits: until then the marks name an upload that does not count, and change nothing.
            foreach (var (replacedUpload, lines) in counts.ReplacedLines)
            {
                pending.Add(leads.MarkSupersededAsync(replacedUpload, lines, uploadId, cancellationToken));
            }
        }
        finally
        {
            await stopping.CancelAsync();
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // Nothing may be written after a caller that saw this fail starts discarding the upload.
            await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await reading; // a read that failed (a missing part) is this call's failure
        await Task.WhenAll(pending);
        return counts;
    }

    /// <summary>
    /// Matches rows an earlier step stored, storing nothing: a step on another instance, or after a restart, brings the
    /// index back to where the import left it, so the import still saves it once, at the end.
    /// </summary>
    internal async Task ReplayAsync(string uploadId, IAsyncEnumerable<StagedLead> rows, PersonMatcher index, CancellationToken cancellationToken)
    {
        await foreach (var rowsBlock in Blocks(rows, cancellationToken))
        {
            var block = Versions(uploadId, rowsBlock);
            await LoadAsync(block, index, cancellationToken);
            foreach (var (_, identity, leadId, fieldsHash) in block) index.Match(identity, leadId, fieldsHash);
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

    /// <summary>Reads and hashes blocks ahead of the loop that matches and stores them; completes the channel with the read's failure.</summary>
    private static async Task ReadAheadAsync(
        string uploadId, IAsyncEnumerable<StagedLead> rows, ChannelWriter<MatchRow[]> blocks, CancellationToken cancellationToken)
    {
        await Task.Yield(); // the caller's loop starts at once
        Exception? failure = null;
        try
        {
            await foreach (var block in Blocks(rows, cancellationToken)) await blocks.WriteAsync(Versions(uploadId, block), cancellationToken);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            blocks.TryComplete(failure);
        }
    }

    private static MatchRow[] Versions(string uploadId, StagedLead[] block) =>
        [.. block.Select(row => new MatchRow(row, PersonIdentity.Of(row.Lead), LeadTable.LeadId(uploadId, row.Line), PersonIdentity.FieldsHash(row.Lead)))];

    private static async Task LoadAsync(MatchRow[] block, PersonMatcher index, CancellationToken cancellationToken) =>
        // A full block means a large file: reading whole partitions once is cheaper than group by group.
        await index.LoadAsync([.. block.Select(row => row.Identity.PersonId)], wholePartitions: block.Length == MatchBlock, cancellationToken);

    private static PossibleDuplicate KeptApart(StagedLead row, int people) =>
        new(row.Line, null, people == 1
            ? "the same name and company as a person stored before, and as other rows of this file, so it cannot be told which it is; stored as a new lead"
            : string.Create(CultureInfo.InvariantCulture, $"the same name and company as {people} people stored before, so it cannot be told which it is; stored as a new lead"))
        {
            Row = DuplicateRow.Of(row.Lead),
        };

    /// <summary>A row read ahead: who it is, its lead id and the digest of its fields.</summary>
    private readonly record struct MatchRow(StagedLead Row, PersonIdentity Identity, string LeadId, string FieldsHash);

    private async Task SendAsync(List<Task> pending, string uploadId, List<(long Line, Lead Lead)> batch, CancellationToken cancellationToken)
    {
        if (pending.Count >= MaxBatchesInFlight)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            await finished; // surfaces a failed batch now rather than after the whole file
        }

        // On the thread pool: building and serialising a transaction is most of its cost here, and it need not hold up the loop.
        pending.Add(Task.Run(() => leads.AddBatchAsync(uploadId, batch, cancellationToken), cancellationToken));
    }

    private static int EstimatedBytes(Lead lead) => LeadFields.All.Sum(field => Encoding.UTF8.GetByteCount(field.Of(lead))) * 2 + 512;
}

/// <summary>
/// What storing rows did with their people: the counts, the last line it stored, the versions its updates replaced
/// (by upload), and the rows kept apart from people stored with the same name and company.
/// </summary>
internal sealed class StoredCounts
{
    public int Inserted { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public long LastLine { get; set; }

    public Dictionary<string, List<long>> ReplacedLines { get; } = new(StringComparer.Ordinal);

    public List<PossibleDuplicate> SameNameStored { get; } = [];

    /// <summary>The outcomes the rows state, by the person each row was matched to (unchanged rows too).</summary>
    public List<(string PersonId, OutcomeReading Outcome)> Outcomes { get; } = [];

    /// <summary>How many of each upload's versions this import replaced.</summary>
    public IReadOnlyDictionary<string, int> Supersedes => ReplacedLines.ToDictionary(pair => pair.Key, pair => pair.Value.Count, StringComparer.Ordinal);

    public void Replaced(PersonVersion version)
    {
        if (!LeadTable.TryParseLeadId(version.LeadId, out var uploadId, out var line)) return;
        (ReplacedLines.TryGetValue(uploadId, out var lines) ? lines : ReplacedLines[uploadId] = []).Add(line);
    }
}
