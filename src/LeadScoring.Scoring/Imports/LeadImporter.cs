using System.Globalization;
using System.Text;
using Azure;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// Streams an uploaded CSV into storage, each person once. Rows are matched against the <c>people</c> index a block at
/// a time (<see cref="PersonMatcher"/>: a few dozen requests per upload, not one per lead), and the new and changed
/// people go to the upload's partition of <c>leads</c> in transactions of up to 100, a few in flight while the next
/// rows are read. A person repeated in the file is reported and stored once; one stored before with the same fields
/// is counted unchanged and not stored again. The index is saved and the upload committed after the last batch. A
/// file that fails part-way (unreadable, too large, cancelled, storage error) is taken out best-effort and, being
/// uncommitted, is never scored: a rejected file writes nothing that counts.
/// </summary>
public sealed class LeadImporter(
    LeadCsvReader reader,
    UploadTable uploads,
    LeadTable leads,
    PersonTable people,
    ConflictRetry conflicts,
    IOptions<UploadOptions> options,
    ILogger<LeadImporter> logger)
{
    public const int MaxRejectedListed = 1000;

    private const int MaxBatchesInFlight = 4;

    /// <summary>Rows matched against the index at a time: enough that a block reads the partitions it needs in parallel.</summary>
    private const int MatchBlock = 1000;

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
        var index = new PersonMatcher(people, conflicts, live);
        var settled = false;
        var pending = new List<Task>();
        try
        {
            var (inserted, updated, unchanged) = (0, 0, 0);
            var (lastLine, rejectedTotal, warningsTotal, duplicatesTotal) = (0L, 0, 0, 0);
            var rejected = new List<RejectedRow>();
            var warnings = new List<RejectedRow>();
            var duplicates = new List<RejectedRow>();
            // Keyed by 64 bits of the person id: 8 bytes a row keep a million-row file's people in a few MB.
            var firstLines = new Dictionary<ulong, long>();
            var block = new List<(long Line, Lead Lead, PersonVersion Version)>(MatchBlock);
            var batch = new List<(long Line, Lead Lead)>(LeadTable.MaxBatch);
            var batchBytes = 0;

            // Matches a block of rows against the index (reading the partitions it has not seen) and queues the new
            // and changed leads for storage; unchanged ones are counted, not stored.
            async Task MatchBlockAsync()
            {
                // A full block means a large file: reading whole partitions once is cheaper than group by group.
                await index.LoadAsync([.. block.Select(row => row.Version.PersonId)], wholePartitions: block.Count == MatchBlock, cancellationToken);
                foreach (var (line, lead, version) in block)
                {
                    switch (index.Match(version))
                    {
                        case PersonMatchOutcome.Unchanged: unchanged++; continue;
                        case PersonMatchOutcome.Updated: updated++; break;
                        default: inserted++; break;
                    }

                    lastLine = Math.Max(lastLine, line);
                    batch.Add((line, lead));
                    batchBytes += EstimatedBytes(lead);
                    if (batch.Count == LeadTable.MaxBatch || batchBytes >= MaxBatchBytes)
                    {
                        await SendAsync(pending, uploadId, batch, cancellationToken);
                        (batch, batchBytes) = (new List<(long, Lead)>(LeadTable.MaxBatch), 0);
                    }
                }

                block.Clear();
            }

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

                block.Add((row.Line, row.Lead!, new PersonVersion(identity.PersonId, LeadTable.LeadId(uploadId, row.Line), PersonIdentity.FieldsHash(row.Lead!))));
                if (block.Count == MatchBlock) await MatchBlockAsync();
            }

            if (block.Count > 0) await MatchBlockAsync();
            if (batch.Count > 0) await SendAsync(pending, uploadId, batch, cancellationToken);
            await Task.WhenAll(pending);

            // Read once the rows are done: the encoding can turn from UTF-8 to Windows-1252 on the way.
            var counts = new UploadCounts(inserted, updated, unchanged, rejectedTotal, warningsTotal, duplicatesTotal);
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

            // The index learns of the upload's people only now, when all of them are stored; until the commit they
            // do not count (see PersonMatcher), so a failure from here on leaves the index as good as before.
            await index.SaveAsync(cancellationToken);
            await uploads.CommitAsync(uploadId, counts, lastLine, file.Encoding, cancellationToken);
            settled = true;
            logger.UploadCommitted(uploadId, counts.Inserted, counts.Updated, counts.Unchanged, rejectedTotal);
            return Report(uploadId);
        }
        finally
        {
            if (!settled) await DiscardAsync(uploadId, pending);
        }
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

    private async Task DiscardAsync(string uploadId, List<Task> pending)
    {
        // Let in-flight batches land (or fail) first, so nothing is written after the delete.
        await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            // Not the request's token: the request may be the thing that was cancelled.
            await leads.DeleteUploadAsync(uploadId, CancellationToken.None);
            await uploads.DeleteAsync(uploadId, CancellationToken.None);
        }
        catch (RequestFailedException e)
        {
            // Harmless: an uncommitted upload is never scored, and the index passes over its versions.
            logger.UploadDiscardFailed(e, uploadId);
        }
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
