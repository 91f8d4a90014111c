using System.Globalization;
using Azure;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Outcomes;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// Reads an uploaded CSV to its end before anything of it is stored, so a file refused for what it holds (an encoding
/// fault on line 900,000, a row past the limit) stores nothing and is refused as soon as it has been read. A person
/// repeated in the file (the same email, LinkedIn URL or record id, or the very same row) is reported and kept once;
/// rows that only share a name and company are kept apart and reported as possible duplicates (<see cref="FileNames"/>).
/// Every file that is read is an upload, also one whose rows were all unchanged or rejected. A file of up to <see cref="UploadOptions.InlineMaxRows"/> accepted
/// rows is then stored while the request waits (<see cref="LeadWriter"/>) and committed. A larger one is staged in
/// Blob Storage as it is read, in parts of <see cref="UploadOptions.PartRows"/> rows, and the answer comes at once:
/// <see cref="ImportStepHandler"/> stores it in the background, a part per step. An upload that fails before it
/// commits is taken out best-effort and, being uncommitted, is never scored.
/// </summary>
public sealed class LeadImporter(
    LeadCsvReader reader,
    UploadTable uploads,
    LeadTable leads,
    LeadWriter writer,
    ImportStore staging,
    ImportQueue steps,
    SweepTable sweeps,
    OfferTable offers,
    OutcomeTable outcomes,
    TrainQueue training,
    IOptions<UploadOptions> options,
    TimeProvider clock,
    ILogger<LeadImporter> logger)
{
    public const int MaxRejectedListed = 1000;

    public long MaxBytes => options.Value.MaxBytes;

    public Task<LeadImportOutcome> ImportAsync(Stream csv, CancellationToken cancellationToken) => ImportAsync(csv, null, null, null, cancellationToken);

    /// <summary>
    /// Imports with an explicit mapping (field → the file's column name) over the recognised header; the file name is
    /// the client's, kept for the uploads list. Outcomes the file states are recorded for the offer named (the latest
    /// when none is).
    /// </summary>
    public async Task<LeadImportOutcome> ImportAsync(
        Stream csv, IReadOnlyDictionary<LeadField, string>? mapping, string? fileName, string? outcomesOfferId, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = await reader.OpenAsync(new SizeLimitedStream(csv, MaxBytes), mapping, cancellationToken);
            return file.FileError is { } error
                ? LeadImportOutcome.Invalid(error) with { Columns = file.Columns }
                : LeadImportOutcome.Imported(await StoreAsync(file, fileName, outcomesOfferId, cancellationToken));
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
                return new LeadImportPreview(file.Columns, file.Mapping, file.Encoding, preview, e.Message, e.Line) { FileWarnings = file.FileWarnings };
            }

            return new LeadImportPreview(file.Columns, file.Mapping, file.Encoding, preview) { FileWarnings = file.FileWarnings };
        }
        catch (UploadTooLargeException)
        {
            return new LeadImportPreview([], new Dictionary<string, string>(), CsvTextEncoding.Utf8, [], LeadImportOutcome.TooLarge(MaxBytes).FileError);
        }
    }

    private async Task<LeadImportReport> StoreAsync(LeadCsvFile file, string? fileName, string? outcomesOfferId, CancellationToken cancellationToken)
    {
        var (inlineMaxRows, partRows) = (options.Value.InlineMaxRows, options.Value.PartRows);
        var uploadId = await uploads.BeginAsync(fileName, cancellationToken);
        var settled = false;
        PartStager? stager = null;
        try
        {
            var (accepted, rejectedTotal, warningsTotal, duplicatesTotal) = (0L, 0, 0, 0);
            var lastLine = 0L;
            var rejected = new List<RejectedRow>();
            var warnings = new List<RejectedRow>();
            var duplicates = new List<RejectedRow>();
            // Keyed by 64 bits of the person id: 8 bytes a row keep a million-row file's people in a few MB.
            var firstLines = new Dictionary<ulong, long>();
            var names = new FileNames();
            var held = new List<StagedLead>();
            var stated = new int[Enum.GetValues<OutcomeKind>().Length];

            // Past the inline size the rows go to Blob Storage as they are read, a part at a time: memory holds the
            // inline rows once, then a buffer, never the file.
            ValueTask StageAsync(StagedLead row) =>
                (stager ??= new PartStager(staging, uploadId, partRows, cancellationToken)).WriteAsync(row, cancellationToken);

            await foreach (var row in file.ReadRowsAsync(cancellationToken))
            {
                if (Rejection(row) is { } error)
                {
                    rejectedTotal++;
                    if (rejected.Count < MaxRejectedListed) rejected.Add(new RejectedRow(row.Line, error));
                    continue;
                }

                var identity = row.Identity!;
                if (!firstLines.TryAdd(FileKey(identity), row.Line))
                {
                    duplicatesTotal++;
                    if (duplicates.Count < MaxRejectedListed)
                    {
                        duplicates.Add(new RejectedRow(row.Line, string.Create(CultureInfo.InvariantCulture,
                            $"the row repeats the person on line {firstLines[FileKey(identity)]} ({identity.Describe()}); it is stored once")));
                    }

                    continue;
                }

                names.Add(identity, row.Line, row.Lead!);
                var outcomeWarning = row.OutcomeProblem is { } problem ? problem + "; the lead is stored without it" : null;
                if ((row.Warning, outcomeWarning) switch { (null, null) => null, ({ } a, { } b) => a + "; " + b, _ => row.Warning ?? outcomeWarning } is { } warning)
                {
                    warningsTotal++;
                    if (warnings.Count < MaxRejectedListed) warnings.Add(new RejectedRow(row.Line, warning));
                }

                if (row.Outcome is { } outcome) stated[(int)outcome.Kind]++;
                var kept = new StagedLead(row.Line, row.Lead!) { Outcome = row.Outcome };
                lastLine = row.Line;
                if (++accepted <= inlineMaxRows)
                {
                    held.Add(kept);
                    continue;
                }

                foreach (var earlier in held) await StageAsync(earlier);
                held.Clear();
                await StageAsync(kept);
            }

            if (stager is not null) await stager.CompleteAsync();

            var findings = new ImportFindings(rejected, warnings, duplicates) { PossibleDuplicates = names.PossibleDuplicates, FileWarnings = file.FileWarnings };
            var outcomesFor = file.HasOutcomeColumn ? await OutcomesForAsync(outcomesOfferId, stated, cancellationToken) : null;
            // Read once the rows are done: the encoding can turn from UTF-8 to Windows-1252 on the way.
            var found = new UploadCounts(0, 0, 0, rejectedTotal, warningsTotal, duplicatesTotal) { PossibleDuplicates = names.PossibleDuplicatesTotal };
            LeadImportReport Report(UploadCounts counts, UploadStatus status, ImportFindings listed) =>
                new(uploadId, counts.Inserted, rejected, rejectedTotal)
                {
                    Updated = counts.Updated,
                    Unchanged = counts.Unchanged,
                    Duplicates = duplicates,
                    DuplicatesTotal = duplicatesTotal,
                    PossibleDuplicates = listed.PossibleDuplicates,
                    PossibleDuplicatesTotal = counts.PossibleDuplicates,
                    FileWarnings = listed.FileWarnings,
                    Warnings = warnings,
                    WarningsTotal = warningsTotal,
                    Encoding = file.Encoding,
                    Columns = file.Mapping,
                    Status = status,
                    Rows = accepted,
                    Outcomes = outcomesFor,
                };

            if (stager is not null)
            {
                // The upload is listed as importing from here; its first step goes once the row says so. The sweeper
                // watches it from then on, to send a step again that a dead instance held.
                await staging.WriteFindingsAsync(uploadId, findings, cancellationToken);
                if (names.Shared.Count > 0) await staging.WriteSharedNamesAsync(uploadId, names.Shared, cancellationToken);
                await uploads.StageAsync(uploadId, found, accepted, stager.Parts, lastLine, file.Encoding, cancellationToken);
                await Task.WhenAll(
                    steps.SendAsync(new ImportLeadsMessage(uploadId, 0, outcomesFor?.OfferId), cancellationToken),
                    sweeps.WatchAsync(SweepTable.Import, uploadId, outcomesFor?.OfferId, cancellationToken));
                settled = true;
                logger.UploadStaged(uploadId, accepted, stager.Parts, rejectedTotal);
                return Report(found, UploadStatus.Importing, findings);
            }

            var index = await writer.OpenIndexAsync(uploadId, names.Shared.ToHashSet(StringComparer.Ordinal), cancellationToken);
            var stored = await writer.StoreAsync(uploadId, held.ToAsyncEnumerable(), index, cancellationToken);
            findings = findings with { PossibleDuplicates = names.WithStored(stored.SameNameStored) };
            var counts = found with
            {
                Inserted = stored.Inserted,
                Updated = stored.Updated,
                Unchanged = stored.Unchanged,
                PossibleDuplicates = names.PossibleDuplicatesTotal + stored.SameNameStored.Count,
            };

            // Kept for GET /uploads/{id}, as a background import keeps them; a file with nothing to say writes nothing.
            if (!findings.IsEmpty) await staging.WriteFindingsAsync(uploadId, findings, cancellationToken);
            // The index learns of the upload's people only now, when all of them are stored; until the commit they
            // do not count (see PersonMatcher), so a failure from here on leaves the index as good as before.
            if (counts.Stored > 0) await index.SaveAsync(cancellationToken);
            await uploads.CommitAsync(uploadId, counts, stored.LastLine, file.Encoding, stored.Supersedes, cancellationToken);
            settled = true;
            if (outcomesFor?.OfferId is { } offerId) await RecordOutcomesAsync(offerId, stored.Outcomes, cancellationToken);
            logger.UploadCommitted(uploadId, counts.Inserted, counts.Updated, counts.Unchanged, rejectedTotal);
            return Report(counts, UploadStatus.Imported, findings);
        }
        finally
        {
            // First, so that nothing is staged after the discard; a part not completed is never committed.
            if (stager is not null) await stager.DisposeAsync();
            if (!settled) await DiscardAsync(uploadId);
        }
    }

    /// <summary>The offer a file's outcomes go to: the one named, else the latest; none while no offer exists.</summary>
    private async Task<UploadOutcomes> OutcomesForAsync(string? offerId, int[] stated, CancellationToken cancellationToken)
    {
        var (positive, negative, open) = (stated[(int)OutcomeKind.Positive], stated[(int)OutcomeKind.Negative], stated[(int)OutcomeKind.Open]);
        var offer = (await offers.FindAsync(offerId, cancellationToken)).Offer;
        return new UploadOutcomes(offer?.Id, positive + negative + open, positive, negative, open)
        {
            Note = offer is null ? "No offer exists yet, so the file's outcomes were not recorded: create the offer, then send them with POST /outcomes." : null,
        };
    }

    /// <summary>Records the outcomes rows stated, by person (a later row wins), once the leads they name are stored.</summary>
    internal async Task RecordOutcomesAsync(string offerId, IReadOnlyList<(string PersonId, OutcomeReading Outcome)> stated, CancellationToken cancellationToken)
    {
        if (stated.Count == 0) return;
        var now = clock.GetUtcNow();
        var latest = new Dictionary<string, RecordedOutcome>(StringComparer.Ordinal);
        foreach (var (personId, outcome) in stated) latest[personId] = new RecordedOutcome(personId, outcome, now);
        await outcomes.UpsertAsync(offerId, latest.Values, cancellationToken);
        await training.RequestAsync(offerId, clock.GetUtcNow(), cancellationToken);
    }

    private async Task DiscardAsync(string uploadId)
    {
        try
        {
            // Not the request's token: the request may be the thing that was cancelled. An inline upload may have
            // written its findings already.
            await staging.DeleteAsync(uploadId, findings: true, CancellationToken.None);
            await leads.DeleteUploadAsync(uploadId, CancellationToken.None);
            await uploads.DeleteAsync(uploadId, CancellationToken.None);
        }
        catch (RequestFailedException e)
        {
            // Harmless: an uncommitted upload is never scored, and the index passes over its versions.
            logger.UploadDiscardFailed(e, uploadId);
        }
    }

    // The id's last 64 bits: a name-and-company id begins with the name's key, so its head would tell fewer rows apart.
    private static ulong FileKey(PersonIdentity identity) =>
        ulong.Parse(identity.PersonId.AsSpan(identity.PersonId.Length - 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    // The reader already rejects fields longer than a Table Storage string property can hold (32K characters).
    private static string? Rejection(LeadCsvRow row) => row.Error ?? (row.Lead is null ? "The row has no lead." : null);
}
