using System.Globalization;
using System.Text;
using Azure;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// Streams an uploaded CSV into storage, each person once. Rows are grouped by the bucket of their person id; a full
/// bucket is matched against the <c>people</c> index in one transaction (<see cref="PersonMatcher"/>) and its new and
/// changed people go to the upload's partition of <c>leads</c> in another, a few batches in flight while the next rows
/// are read. A person repeated in the file is reported and stored once; one stored before with the same fields is
/// counted unchanged and not stored again. The upload is committed only after the last batch. A file that fails
/// part-way (unreadable, too large, cancelled, storage error) is taken out best-effort and, being uncommitted, is never
/// scored: a rejected file writes nothing that counts.
/// </summary>
public sealed class LeadImporter(
    LeadCsvReader reader,
    UploadTable uploads,
    LeadTable leads,
    PersonTable people,
    PersonMatcher matcher,
    IOptions<UploadOptions> options,
    ILogger<LeadImporter> logger)
{
    public const int MaxRejectedListed = 1000;

    private const int MaxBatchesInFlight = 4;

    /// <summary>An entity-group transaction may carry at most 4 MiB; stay well below it.</summary>
    private const int MaxBatchBytes = 2 * 1024 * 1024;

    public long MaxBytes => options.Value.MaxBytes;

    public Task<LeadImportOutcome> ImportAsync(Stream csv, CancellationToken cancellationToken) => ImportAsync(csv, null, null, cancellationToken);

    /// <summary>
    /// Imports with an explicit mapping (field → the file's column name) over the recognised header; the file name is
    /// the client's, kept for the uploads list.
    /// </summary>
    public async Task<LeadImportOutcome> ImportAsync(
        Stream csv, IReadOnlyDictionary<LeadField, string>? mapping, string? fileName, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = await reader.OpenAsync(new SizeLimitedStream(csv, MaxBytes), mapping, cancellationToken);
            return file.FileError is { } error
                ? LeadImportOutcome.Invalid(error) with { Columns = file.Columns }
                : LeadImportOutcome.Imported(await StoreAsync(file, fileName, cancellationToken));
        }
        catch (LeadCsvFormatException e)
        {
            return LeadImportOutcome.Invalid(e.Message, e.Line);
        }
        catch (UploadTooLargeException)
        {
            return LeadImportOutcome.TooLarge(MaxBytes);
        }
    }

    /// <summary>The first <paramref name="rows"/> rows as an import would store them; reads no further and stores nothing.</summary>
    public async Task<LeadImportPreview> PreviewAsync(
        Stream csv, IReadOnlyDictionary<LeadField, string>? mapping, int rows, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = await reader.OpenAsync(new SizeLimitedStream(csv, MaxBytes), mapping, cancellationToken);
            if (file.FileError is { } error) return new LeadImportPreview(file.Columns, file.Mapping, file.Encoding, [], error);
            var preview = new List<LeadCsvRow>(rows);
            try
            {
                await foreach (var row in file.ReadRowsAsync(cancellationToken))
                {
                    preview.Add(row);
                    if (preview.Count == rows) break;
                }
            }
            catch (LeadCsvFormatException e)
            {
                return new LeadImportPreview(file.Columns, file.Mapping, file.Encoding, preview, e.Message, e.Line);
            }

            return new LeadImportPreview(file.Columns, file.Mapping, file.Encoding, preview);
        }
        catch (UploadTooLargeException)
        {
            return new LeadImportPreview([], new Dictionary<string, string>(), CsvTextEncoding.Utf8, [], LeadImportOutcome.TooLarge(MaxBytes).FileError);
        }
    }

    private async Task<LeadImportReport> StoreAsync(LeadCsvFile file, string? fileName, CancellationToken cancellationToken)
    {
        var uploadId = await uploads.BeginAsync(fileName, cancellationToken);
        var live = (await uploads.ListCommittedAsync(cancellationToken)).Select(upload => upload.UploadId).ToHashSet(StringComparer.Ordinal);
        live.Add(uploadId);
        var store = new UploadStore(uploadId, live);
        var settled = false;
        try
        {
            var (lastLine, rejectedTotal, warningsTotal, duplicatesTotal) = (0L, 0, 0, 0);
            var rejected = new List<RejectedRow>();
            var warnings = new List<RejectedRow>();
            var duplicates = new List<RejectedRow>();
            // Keyed by 64 bits of the person id: 8 bytes a row keep a million-row file's people in a few MB.
            var firstLines = new Dictionary<ulong, long>();
            var buckets = new Dictionary<string, Bucket>(StringComparer.Ordinal);
            await foreach (var row in file.ReadRowsAsync(cancellationToken))
            {
                if (Rejection(row) is { } error)
                {
                    rejectedTotal++;
                    if (rejected.Count < MaxRejectedListed) rejected.Add(new RejectedRow(row.Line, error));
                    continue;
                }

                var identity = row.Identity!;
                var person = FileKey(identity);
                if (!firstLines.TryAdd(person, row.Line))
                {
                    duplicatesTotal++;
                    if (duplicates.Count < MaxRejectedListed)
                    {
                        duplicates.Add(new RejectedRow(row.Line, string.Create(CultureInfo.InvariantCulture,
                            $"the row repeats the person on line {firstLines[person]} ({identity.Describe()}); it is stored once")));
                    }

                    continue;
                }

                if (row.Warning is { } warning)
                {
                    warningsTotal++;
                    if (warnings.Count < MaxRejectedListed) warnings.Add(new RejectedRow(row.Line, warning));
                }

                lastLine = Math.Max(lastLine, row.Line);
                var bucketKey = PersonTable.BucketOf(identity.PersonId);
                var bucket = buckets.TryGetValue(bucketKey, out var open) ? open : buckets[bucketKey] = new Bucket();
                bucket.Add(row.Line, row.Lead!, identity);
                if (bucket.Rows.Count == PersonTable.MaxBatch || bucket.Bytes >= MaxBatchBytes)
                {
                    await SendAsync(store, bucket, cancellationToken);
                    buckets.Remove(bucketKey);
                }
            }

            foreach (var bucket in buckets.Values) await SendAsync(store, bucket, cancellationToken);
            await Task.WhenAll(store.Pending);

            // Read once the rows are done: the encoding can turn from UTF-8 to Windows-1252 on the way.
            var counts = new UploadCounts(store.Inserted, store.Updated, store.Unchanged, rejectedTotal, warningsTotal, duplicatesTotal);
            LeadImportReport Report(string? id) =>
                new(id, counts.Inserted, rejected, rejectedTotal)
                {
                    Updated = counts.Updated,
                    Unchanged = counts.Unchanged,
                    Duplicates = duplicates,
                    DuplicatesTotal = duplicatesTotal,
                    Warnings = warnings,
                    WarningsTotal = warningsTotal,
                    Encoding = file.Encoding,
                    Columns = file.Mapping,
                };
            if (counts.Stored == 0)
            {
                await uploads.DeleteAsync(uploadId, cancellationToken);
                settled = true; // nothing was stored, so there is nothing to discard
                return Report(null);
            }

            await uploads.CommitAsync(uploadId, counts, lastLine, file.Encoding, cancellationToken);
            settled = true;
            logger.UploadCommitted(uploadId, counts.Inserted, counts.Updated, counts.Unchanged, rejectedTotal);
            return Report(uploadId);
        }
        finally
        {
            if (!settled) await DiscardAsync(store);
        }
    }

    /// <summary>Matches a bucket's people against the index, then stores the new and changed ones (a few batches in flight).</summary>
    private async Task SendAsync(UploadStore store, Bucket bucket, CancellationToken cancellationToken)
    {
        if (store.Pending.Count >= MaxBatchesInFlight)
        {
            var finished = await Task.WhenAny(store.Pending);
            store.Pending.Remove(finished);
            await finished; // surfaces a failed batch now rather than after the whole file
        }

        store.Pending.Add(StoreBucketAsync(store, bucket, cancellationToken));
    }

    private async Task StoreBucketAsync(UploadStore store, Bucket bucket, CancellationToken cancellationToken)
    {
        var versions = bucket.Rows.Select(row => new PersonVersion(row.Identity.PersonId, LeadTable.LeadId(store.UploadId, row.Line), PersonIdentity.FieldsHash(row.Lead))).ToList();
        // Recorded before the write, so a discard takes out whatever part of it landed.
        foreach (var version in versions) store.Indexed.Add(version.PersonId);
        var outcomes = await matcher.MatchAsync(versions, store.Live.Contains, cancellationToken);
        var stored = new List<(long Line, Lead Lead)>(bucket.Rows.Count);
        for (var i = 0; i < outcomes.Count; i++)
        {
            switch (outcomes[i])
            {
                case PersonMatchOutcome.Inserted: Interlocked.Increment(ref store.Inserted); break;
                case PersonMatchOutcome.Updated: Interlocked.Increment(ref store.Updated); break;
                default: Interlocked.Increment(ref store.Unchanged); continue;
            }

            stored.Add((bucket.Rows[i].Line, bucket.Rows[i].Lead));
        }

        if (stored.Count > 0) await leads.AddBatchAsync(store.UploadId, stored, cancellationToken);
    }

    private async Task DiscardAsync(UploadStore store)
    {
        // Let in-flight batches land (or fail) first, so nothing is written after the delete.
        await Task.WhenAll(store.Pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            // Not the request's token: the request may be the thing that was cancelled.
            await people.RemoveUploadAsync(store.UploadId, store.Indexed, CancellationToken.None);
            await leads.DeleteUploadAsync(store.UploadId, CancellationToken.None);
            await uploads.DeleteAsync(store.UploadId, CancellationToken.None);
        }
        catch (RequestFailedException e)
        {
            // Harmless: an uncommitted upload is never scored, and the index ignores versions of uploads that do not count.
            logger.UploadDiscardFailed(e, store.UploadId);
        }
    }

    /// <summary>One bucket's rows waiting for a batch.</summary>
    private sealed class Bucket
    {
        public List<(long Line, Lead Lead, PersonIdentity Identity)> Rows { get; } = new(PersonTable.MaxBatch);

        public int Bytes { get; private set; }

        public void Add(long line, Lead lead, PersonIdentity identity)
        {
            Rows.Add((line, lead, identity));
            Bytes += EstimatedBytes(lead);
        }
    }

    /// <summary>An import's shared state across its batches in flight.</summary>
    private sealed class UploadStore(string uploadId, IReadOnlySet<string> live)
    {
        public int Inserted;
        public int Updated;
        public int Unchanged;

        public string UploadId { get; } = uploadId;

        public IReadOnlySet<string> Live { get; } = live;

        public List<Task> Pending { get; } = [];

        public System.Collections.Concurrent.ConcurrentBag<string> Indexed { get; } = [];
    }

    private static ulong FileKey(PersonIdentity identity) =>
        ulong.Parse(identity.PersonId.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    // The reader already rejects fields longer than a Table Storage string property can hold (32K characters).
    private static string? Rejection(LeadCsvRow row) => row.Error ?? (row.Lead is null ? "The row has no lead." : null);

    private static int EstimatedBytes(Lead lead) => Fields(lead).Sum(field => Encoding.UTF8.GetByteCount(field)) * 2 + 512;

    private static IEnumerable<string> Fields(Lead lead) =>
        [lead.Name, lead.Role, lead.Company, lead.Industry, lead.Location, lead.LinkedinBio,
         lead.Email, lead.Phone, lead.LinkedinUrl, lead.Website, lead.Seniority, lead.Department, lead.RecordId];
}
