using LeadScoring.Scoring.Leads;
using System.Text;
using Azure;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// Streams an uploaded CSV into the <c>leads</c> table: rows go out in transactions of up to 100 (one partition
/// per upload, a few in flight while the next rows are read) and the upload is committed only after the last one.
/// A file that fails part-way (unreadable, too large, cancelled, storage error) is deleted best-effort and, being
/// uncommitted, is never scored: a rejected file writes nothing that counts.
/// </summary>
public sealed class LeadImporter(
    LeadCsvReader reader, UploadTable uploads, LeadTable leads, IOptions<UploadOptions> options, ILogger<LeadImporter> logger)
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
        var settled = false;
        var pending = new List<Task>();
        try
        {
            var (inserted, lastLine, rejectedTotal, warningsTotal) = (0, 0L, 0, 0);
            var rejected = new List<RejectedRow>();
            var warnings = new List<RejectedRow>();
            var batch = new List<(long Line, Lead Lead)>(LeadTable.MaxBatch);
            var batchBytes = 0;
            await foreach (var row in file.ReadRowsAsync(cancellationToken))
            {
                if (Rejection(row) is { } error)
                {
                    rejectedTotal++;
                    if (rejected.Count < MaxRejectedListed) rejected.Add(new RejectedRow(row.Line, error));
                    continue;
                }

                if (row.Warning is { } warning)
                {
                    warningsTotal++;
                    if (warnings.Count < MaxRejectedListed) warnings.Add(new RejectedRow(row.Line, warning));
                }

                batch.Add((row.Line, row.Lead!));
                batchBytes += EstimatedBytes(row.Lead!);
                (inserted, lastLine) = (inserted + 1, Math.Max(lastLine, row.Line));
                if (batch.Count == LeadTable.MaxBatch || batchBytes >= MaxBatchBytes)
                {
                    await SendAsync(pending, uploadId, batch, cancellationToken);
                    (batch, batchBytes) = (new List<(long, Lead)>(LeadTable.MaxBatch), 0);
                }
            }

            if (batch.Count > 0) await SendAsync(pending, uploadId, batch, cancellationToken);
            await Task.WhenAll(pending);

            // Read once the rows are done: the encoding can turn from UTF-8 to Windows-1252 on the way.
            LeadImportReport Report(string? id) =>
                new(id, inserted, rejected, rejectedTotal) { Warnings = warnings, WarningsTotal = warningsTotal, Encoding = file.Encoding, Columns = file.Mapping };
            if (inserted == 0)
            {
                await uploads.DeleteAsync(uploadId, cancellationToken);
                settled = true; // nothing was stored, so there is nothing to discard
                return Report(null);
            }

            await uploads.CommitAsync(uploadId, inserted, lastLine, rejectedTotal, warningsTotal, file.Encoding, cancellationToken);
            settled = true;
            logger.UploadCommitted(uploadId, inserted, rejectedTotal);
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
            // Harmless: an uncommitted upload is never scored. Its rows stay until someone deletes the partition.
            logger.UploadDiscardFailed(e, uploadId);
        }
    }

    // The reader already rejects fields longer than a Table Storage string property can hold (32K characters).
    private static string? Rejection(LeadCsvRow row) => row.Error ?? (row.Lead is null ? "The row has no lead." : null);

    private static int EstimatedBytes(Lead lead) => Fields(lead).Sum(field => Encoding.UTF8.GetByteCount(field)) * 2 + 512;

    private static IEnumerable<string> Fields(Lead lead) =>
        [lead.Name, lead.Role, lead.Company, lead.Industry, lead.Location, lead.LinkedinBio,
         lead.Email, lead.Phone, lead.LinkedinUrl, lead.Website, lead.Seniority, lead.Department, lead.RecordId];
}
