using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Outcomes;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// Records what became of leads for one offer: from a CSV (read by the lead reader, so encodings, CRM headers and a
/// mapping work as for uploads, and the outcome columns are read by <see cref="OutcomeValues"/>) or from JSON items.
/// Each row names a stored person by email, LinkedIn URL, record id or the <c>lead_id</c> of a result. The whole input
/// is read and matched before anything is written, so a refused file records nothing; a later outcome for a person
/// (in the same input or a later one) replaces the earlier.
/// </summary>
public sealed class OutcomeImporter(
    LeadCsvReader reader, OutcomeTable outcomes, PersonTable people, LeadTable leads, TrainQueue training, IOptions<UploadOptions> options, TimeProvider clock)
{
    private const int ParallelReads = 16;

    /// <summary>Reads a CSV of outcomes; a file-level fault is the outcome's <see cref="OutcomeImport.FileError"/>.</summary>
    public async Task<OutcomeImport> ImportCsvAsync(
        string offerId, Stream csv, IReadOnlyDictionary<LeadField, string>? mapping, CancellationToken cancellationToken)
    {
        var rows = new List<OutcomeInput>();
        try
        {
            await using var file = await reader.OpenAsync(new SizeLimitedStream(csv, MaxBytes), mapping, cancellationToken);
            if (file.FileError is { } error) return OutcomeImport.Refused(error, null);
            if (!file.HasOutcomeColumn)
            {
                return OutcomeImport.Refused(
                    "The file has no column that says what became of the lead (outcome, Lead Status, Lifecycle Stage, Stage, Converted). "
                    + $"Its columns are: {string.Join(", ", file.Columns.Select(column => $"'{column}'"))}; name one with a mapping, e.g. {{\"outcome\": \"<column>\"}}.",
                    null);
            }

            await foreach (var row in file.ReadRowsAsync(cancellationToken))
            {
                rows.Add(row.Lead is null
                    ? new OutcomeInput(row.Line, null, null, row.Error)
                    : new OutcomeInput(row.Line, row.Lead, row.Outcome, row.OutcomeProblem));
            }
        }
        catch (LeadCsvFormatException e)
        {
            return OutcomeImport.Refused(e.Message, e.Line);
        }
        catch (UploadTooLargeException)
        {
            return OutcomeImport.Refused($"The file is larger than {MaxBytes:N0} bytes.", null);
        }

        return OutcomeImport.Recorded(await RecordAsync(offerId, rows, cancellationToken));
    }

    /// <summary>Records outcomes given as items (their position is their line in the report).</summary>
    public Task<OutcomeImportReport> ImportAsync(string offerId, IReadOnlyList<OutcomeInput> items, CancellationToken cancellationToken) =>
        RecordAsync(offerId, items, cancellationToken);

    /// <summary>The largest CSV read, as for lead uploads.</summary>
    public long MaxBytes => options.Value.MaxBytes;

    private async Task<OutcomeImportReport> RecordAsync(string offerId, IReadOnlyList<OutcomeInput> rows, CancellationToken cancellationToken)
    {
        var unmatched = new List<RejectedRow>();
        var unmatchedTotal = 0;
        void Unmatched(long line, string why)
        {
            unmatchedTotal++;
            if (unmatched.Count < LeadImporter.MaxRejectedListed) unmatched.Add(new RejectedRow(line, why));
        }

        // Who each row names: a person id now, or a lead id to look up.
        var named = new List<(OutcomeInput Row, string? PersonId, string? LeadId, PersonIdentity? Identity)>();
        foreach (var row in rows)
        {
            if (row.Problem is { } problem) Unmatched(row.Line, problem);
            else if (row.Lead is null) Unmatched(row.Line, "the row names no one");
            else if (row.Outcome is null) Unmatched(row.Line, "the row has no outcome");
            else if (LeadTable.TryParseLeadId(row.Lead.RecordId.Trim(), out _, out _)) named.Add((row, null, row.Lead.RecordId.Trim(), null));
            else if (PersonIdentity.Of(row.Lead) is { IsStrong: true } identity) named.Add((row, identity.PersonId, null, identity));
            else Unmatched(row.Line, "the row names no one by email, LinkedIn URL, record id or lead_id");
        }

        var byLead = await LeadsAsync(named.Where(row => row.LeadId is not null).Select(row => row.LeadId!), cancellationToken);
        var resolved = new List<(OutcomeInput Row, string PersonId, string Describe)>();
        foreach (var (row, personId, leadId, identity) in named)
        {
            if (leadId is null) resolved.Add((row, personId!, Describe(identity!)));
            else if (byLead.GetValueOrDefault(leadId) is { } lead) resolved.Add((row, ResultTable.PersonOf(lead), "lead_id"));
            else Unmatched(row.Line, $"no stored lead has the lead_id '{leadId}'");
        }

        var known = await KnownPeopleAsync(resolved.Select(row => row.PersonId), cancellationToken);
        var latest = new Dictionary<string, RecordedOutcome>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var (row, personId, describe) in resolved)
        {
            if (!known.Contains(personId))
            {
                Unmatched(row.Line, $"no stored lead has this {describe}");
                continue;
            }

            // A later row for the same person replaces an earlier one, as a later file does.
            latest[personId] = new RecordedOutcome(personId, row.Outcome!, now);
        }

        await outcomes.UpsertAsync(offerId, latest.Values, cancellationToken);
        // Asked for once the outcomes are stored: a training that starts after this moment reads all of them.
        if (latest.Count > 0) await training.RequestAsync(offerId, clock.GetUtcNow(), cancellationToken);
        var byOutcome = Enum.GetValues<OutcomeKind>().ToDictionary(kind => kind, kind => latest.Values.Count(outcome => outcome.Reading.Kind == kind));
        return new OutcomeImportReport(offerId, rows.Count, latest.Count, unmatched, unmatchedTotal, byOutcome)
        {
            Repeated = resolved.Count(row => known.Contains(row.PersonId)) - latest.Count,
        };
    }

    private async Task<Dictionary<string, Lead>> LeadsAsync(IEnumerable<string> leadIds, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, Lead>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(leadIds.Distinct(StringComparer.Ordinal), ReadOptions(cancellationToken), async (leadId, token) =>
        {
            if (await leads.GetAsync(leadId, token) is { } lead) found[leadId] = lead;
        });
        return new Dictionary<string, Lead>(found, StringComparer.Ordinal);
    }

    /// <summary>The people the identity index holds, of these: one read per index group they fall in.</summary>
    private async Task<HashSet<string>> KnownPeopleAsync(IEnumerable<string> personIds, CancellationToken cancellationToken)
    {
        var wanted = personIds.ToHashSet(StringComparer.Ordinal);
        var known = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(wanted.Select(PersonTable.GroupOf).Distinct(StringComparer.Ordinal), ReadOptions(cancellationToken), async (group, token) =>
        {
            if (await people.ReadGroupAsync(group, token) is not { } read) return;
            foreach (var personId in read.Entries.Keys.Where(wanted.Contains)) known.Add(personId);
        });
        return known.ToHashSet(StringComparer.Ordinal);
    }

    private static string Describe(PersonIdentity identity) => identity.Kind switch
    {
        IdentityKind.Email => "email",
        IdentityKind.LinkedinUrl => "LinkedIn URL",
        _ => "record id",
    };

    private static ParallelOptions ReadOptions(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken };
}
