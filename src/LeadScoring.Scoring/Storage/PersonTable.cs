using System.Text;
using Azure;
using Azure.Data.Tables;
using LeadScoring.Scoring.Storage.Rows;

namespace LeadScoring.Scoring.Storage;

/// <summary>One stored version of a person: the lead row that holds it, and a digest of its fields.</summary>
public sealed record PersonVersion(string PersonId, string LeadId, string FieldsHash)
{
    /// <summary>The upload the version came in (lead ids start with it).</summary>
    public string UploadId => LeadTable.TryParseLeadId(LeadId, out var uploadId, out _) ? uploadId : "";
}

/// <summary>A person in the index: the current version, and the one before (the fallback when the current one's upload stops counting).</summary>
public sealed record PersonEntry(PersonVersion Current, PersonVersion? Previous);

/// <summary>The index rows of one group of people (person ids sharing their first three hex digits), as read.</summary>
public sealed class PersonGroup(string key, ETag etag, Dictionary<string, PersonEntry> entries)
{
    public string Key { get; } = key;

    /// <summary>Default for a group not stored yet.</summary>
    public ETag ETag { get; internal set; } = etag;

    public Dictionary<string, PersonEntry> Entries { get; } = entries;
}

/// <summary>
/// Table <c>people</c>, the identity index. It is grouped so that an upload costs a few dozen requests whatever its
/// size, rather than one write a lead: person ids are hashes, so the 4,096 groups (first three hex digits) fill
/// evenly, 256 to a partition (first digit). A large import reads whole partitions (16 queries at most), a small one
/// only the groups its people fall in; either writes the groups it changed once, at the end, a partition's groups in
/// transactions of up to 100 under their ETags (more, smaller partitions would multiply those transactions). What an import reads and writes of the index grows with the index: a group holds a 4,096th
/// of it, so an import of n people moves min(n, 4,096) groups. The leads
/// themselves stay in the upload's own partition of <c>leads</c>, where the fan-out reads them by line.
/// </summary>
/// <remarks>
/// A group row holds up to 8 × 32K characters, about 2,000 people (8 million in the index); past that a save fails
/// rather than truncating.
/// </remarks>
public sealed class PersonTable(TableServiceClient service)
{
    public const int PartitionDigits = 1;
    public const int GroupDigits = 3;
    private const int MaxPartChars = 32_000;
    private const int MaxBatch = 100;

    /// <summary>An entity-group transaction may carry at most 4 MiB; stay well below it.</summary>
    private const int MaxTransactionChars = 1_000_000;

    private readonly TableClient table = service.GetTableClient(StorageNames.People);

    public static string PartitionOf(string personId) => personId[..PartitionDigits];

    public static string GroupOf(string personId) => personId[..GroupDigits];

    /// <summary>One stored group, or null when no one of it is indexed yet.</summary>
    public async Task<PersonGroup?> ReadGroupAsync(string groupKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<PersonGroupRow>(groupKey[..PartitionDigits], groupKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? new PersonGroup(row.RowKey, row.ETag, Parse(row.GetParts())) : null;
    }

    /// <summary>Every stored group of a partition.</summary>
    public async Task<IReadOnlyList<PersonGroup>> ReadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var groups = new List<PersonGroup>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var row in table.QueryAsync<PersonGroupRow>(filter, cancellationToken: cancellationToken))
        {
            groups.Add(new PersonGroup(row.RowKey, row.ETag, Parse(row.GetParts())));
        }

        return groups;
    }

    /// <summary>
    /// Writes one partition's groups: an Add for a new group, a replacement under the ETag read otherwise, in as few
    /// transactions as their size allows. Another writer that got there first fails it with 409 or 412: read the
    /// partition again and re-apply. The groups take their new ETags.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<PersonGroup> groups, CancellationToken cancellationToken)
    {
        var batch = new List<(PersonGroup Group, TableTransactionAction Action)>();
        var chars = 0;
        foreach (var group in groups)
        {
            var parts = Format(group.Entries);
            var row = new PersonGroupRow { PartitionKey = group.Key[..PartitionDigits], RowKey = group.Key };
            row.SetParts(parts);
            var action = group.ETag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, group.ETag);
            var size = parts.Sum(part => part.Length);
            if (batch.Count == MaxBatch || (batch.Count > 0 && chars + size > MaxTransactionChars))
            {
                await SubmitAsync(batch, cancellationToken);
                (batch, chars) = ([], 0);
            }

            batch.Add((group, action));
            chars += size;
        }

        if (batch.Count > 0) await SubmitAsync(batch, cancellationToken);
    }

    private async Task SubmitAsync(List<(PersonGroup Group, TableTransactionAction Action)> batch, CancellationToken cancellationToken)
    {
        var response = await table.SubmitTransactionAsync(batch.Select(item => item.Action), cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            if (response.Value[i].Headers.ETag is { } etag) batch[i].Group.ETag = etag;
        }
    }

    private static Dictionary<string, PersonEntry> Parse(IEnumerable<string> parts)
    {
        var entries = new Dictionary<string, PersonEntry>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            foreach (var line in part.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = line.Split(',');
                if (fields.Length != 5) continue;
                var previous = fields[3].Length > 0 ? new PersonVersion(fields[0], fields[3], fields[4]) : null;
                entries[fields[0]] = new PersonEntry(new PersonVersion(fields[0], fields[1], fields[2]), previous);
            }
        }

        return entries;
    }

    private static List<string> Format(Dictionary<string, PersonEntry> entries)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        foreach (var (personId, entry) in entries)
        {
            var line = string.Join(',', personId, entry.Current.LeadId, entry.Current.FieldsHash, entry.Previous?.LeadId ?? "", entry.Previous?.FieldsHash ?? "");
            if (part.Length + line.Length + 1 > MaxPartChars)
            {
                parts.Add(part.ToString());
                part.Clear();
            }

            part.Append(line).Append('\n');
        }

        if (part.Length > 0) parts.Add(part.ToString());
        if (parts.Count > PersonGroupRow.Parts) throw new InvalidOperationException($"An index group holds more than {PersonGroupRow.Parts * MaxPartChars:N0} characters of people.");
        return parts;
    }
}
