using System.Collections.Concurrent;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Scoring.Imports;

/// <summary>What an upload did with a person it carries.</summary>
public enum PersonMatchOutcome
{
    /// <summary>Not stored before: a new lead.</summary>
    Inserted,

    /// <summary>Stored before with other fields: stored again, and the newer fields win.</summary>
    Updated,

    /// <summary>Stored before with the same fields: not stored again, and not rescored.</summary>
    Unchanged,
}

/// <summary>
/// One import's view of the identity index: reads each partition its people fall in once, matches every person in
/// memory, and saves the groups it changed when the import's leads are stored. A version whose upload does not count
/// (it failed, or was deleted) is passed over for the one before it, so neither a failed import nor a delete has to
/// touch the index, and a person is never "unchanged" against a version stored nowhere.
/// </summary>
/// <param name="live">The uploads whose leads count: committed when the import began, and the import's own.</param>
internal sealed class PersonMatcher(PersonTable people, ConflictRetry conflicts, IReadOnlySet<string> live)
{
    private const int ParallelReads = 16;
    private readonly ConcurrentDictionary<string, Dictionary<string, PersonGroup>> partitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PersonVersion>> ours = new(StringComparer.Ordinal);

    /// <summary>Reads the partitions of these people that are not read yet.</summary>
    public async Task LoadAsync(IEnumerable<string> personIds, CancellationToken cancellationToken)
    {
        var missing = personIds.Select(PersonTable.PartitionOf).Distinct(StringComparer.Ordinal).Where(p => !partitions.ContainsKey(p)).ToList();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (partition, token) =>
            partitions[partition] = (await people.ReadPartitionAsync(partition, token)).ToDictionary(group => group.Key, StringComparer.Ordinal));
    }

    /// <summary>Matches a version (its partition loaded) and records it as the person's current one unless unchanged.</summary>
    public PersonMatchOutcome Match(PersonVersion version)
    {
        var partition = PersonTable.PartitionOf(version.PersonId);
        var known = Known(GroupFor(partitions[partition], version.PersonId).Entries.GetValueOrDefault(version.PersonId));
        if (known is not null && known.FieldsHash == version.FieldsHash) return PersonMatchOutcome.Unchanged;

        Apply(partitions[partition], version);
        (ours.TryGetValue(partition, out var versions) ? versions : ours[partition] = []).Add(version);
        return known is null ? PersonMatchOutcome.Inserted : PersonMatchOutcome.Updated;
    }

    /// <summary>
    /// Writes every group this import changed. A partition another import wrote meanwhile is read again and this
    /// import's versions applied over it (the counts already reported stay as they were).
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(ours, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (pair, token) =>
        {
            var (partition, versions) = pair;
            var reread = false;
            await conflicts.ExecuteAsync(async attempt =>
            {
                if (reread)
                {
                    var groups = (await people.ReadPartitionAsync(partition, attempt)).ToDictionary(group => group.Key, StringComparer.Ordinal);
                    foreach (var version in versions) Apply(groups, version);
                    partitions[partition] = groups;
                }

                reread = true;
                var touched = versions.Select(version => PersonTable.GroupOf(version.PersonId)).Distinct(StringComparer.Ordinal);
                await people.WriteAsync([.. touched.Select(key => partitions[partition][key])], attempt);
            }, token);
        });

    private void Apply(Dictionary<string, PersonGroup> groups, PersonVersion version)
    {
        var entries = GroupFor(groups, version.PersonId).Entries;
        var before = entries.GetValueOrDefault(version.PersonId);
        // Applied again after a conflict, the entry may be this very version already: keep what it fell back on.
        entries[version.PersonId] = before?.Current.LeadId == version.LeadId ? before : new PersonEntry(version, Known(before));
    }

    private PersonVersion? Known(PersonEntry? entry) =>
        entry is null ? null
        : live.Contains(entry.Current.UploadId) ? entry.Current
        : entry.Previous is { } previous && live.Contains(previous.UploadId) ? previous
        : null;

    private static PersonGroup GroupFor(Dictionary<string, PersonGroup> groups, string personId)
    {
        var key = PersonTable.GroupOf(personId);
        return groups.TryGetValue(key, out var group) ? group : groups[key] = new PersonGroup(key, default, new Dictionary<string, PersonEntry>(StringComparer.Ordinal));
    }
}
