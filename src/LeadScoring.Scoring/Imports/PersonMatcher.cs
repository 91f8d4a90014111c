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
/// One import's view of the identity index: reads each group its people fall in once, matches every person in memory,
/// and saves the groups it changed when the import's leads are stored. A version whose upload does not count
/// (it failed, or was deleted) is passed over for the one before it, so neither a failed import nor a delete has to
/// touch the index, and a person is never "unchanged" against a version stored nowhere.
/// </summary>
/// <param name="live">The uploads whose leads count: committed when the import began, and the import's own.</param>
internal sealed class PersonMatcher(PersonTable people, ConflictRetry conflicts, IReadOnlySet<string> live)
{
    private const int ParallelReads = 16;
    private readonly ConcurrentDictionary<string, PersonGroup> groups = new(StringComparer.Ordinal);
    private readonly HashSet<string> readPartitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PersonVersion>> ours = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the groups of these people that are not read yet: whole partitions for a large import (16 queries at
    /// most), else group by group, so a small import into a large index reads no more than it touches.
    /// </summary>
    public async Task LoadAsync(IReadOnlyCollection<string> personIds, bool wholePartitions, CancellationToken cancellationToken)
    {
        var missing = personIds.Select(PersonTable.GroupOf).Distinct(StringComparer.Ordinal).Where(key => !groups.ContainsKey(key)).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken };
        if (wholePartitions)
        {
            var partitions = missing.Select(key => key[..PersonTable.PartitionDigits]).Distinct(StringComparer.Ordinal).Where(readPartitions.Add).ToList();
            await Parallel.ForEachAsync(partitions, options, async (partition, token) =>
            {
                foreach (var group in await people.ReadPartitionAsync(partition, token)) groups.TryAdd(group.Key, group);
            });
        }
        else
        {
            await Parallel.ForEachAsync(missing, options, async (key, token) =>
            {
                if (await people.ReadGroupAsync(key, token) is { } group) groups.TryAdd(key, group);
            });
        }

        foreach (var key in missing) groups.TryAdd(key, Empty(key));
    }

    /// <summary>Matches a version (its group loaded) and records it as the person's current one unless unchanged.</summary>
    public PersonMatchOutcome Match(PersonVersion version)
    {
        var group = groups[PersonTable.GroupOf(version.PersonId)];
        var entry = group.Entries.GetValueOrDefault(version.PersonId);
        // This very version was matched before (a step stored again after a restart, its index saved): it is what it
        // was then, new or an update of the version before it.
        var again = entry?.Current.LeadId == version.LeadId;
        var known = again ? Known(entry!.Previous is { } previous ? new PersonEntry(previous, null) : null) : Known(entry);
        if (!again && known is not null && known.FieldsHash == version.FieldsHash) return PersonMatchOutcome.Unchanged;

        Apply(group, version);
        var partition = PersonTable.PartitionOf(version.PersonId);
        (ours.TryGetValue(partition, out var versions) ? versions : ours[partition] = []).Add(version);
        return known is null ? PersonMatchOutcome.Inserted : PersonMatchOutcome.Updated;
    }

    /// <summary>
    /// Writes every group this import changed. A partition another import wrote meanwhile has its groups read again
    /// and this import's versions applied over them (the counts already reported stay as they were).
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(ours, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (pair, token) =>
        {
            var versions = pair.Value;
            var touched = versions.Select(version => PersonTable.GroupOf(version.PersonId)).Distinct(StringComparer.Ordinal).ToList();
            var reread = false;
            await conflicts.ExecuteAsync(async attempt =>
            {
                if (reread)
                {
                    foreach (var key in touched) groups[key] = await people.ReadGroupAsync(key, attempt) ?? Empty(key);
                    foreach (var version in versions) Apply(groups[PersonTable.GroupOf(version.PersonId)], version);
                }

                reread = true;
                await people.WriteAsync([.. touched.Select(key => groups[key])], attempt);
            }, token);
        });

    private void Apply(PersonGroup group, PersonVersion version)
    {
        var before = group.Entries.GetValueOrDefault(version.PersonId);
        // Applied again after a conflict, the entry may be this very version already: keep what it fell back on.
        group.Entries[version.PersonId] = before?.Current.LeadId == version.LeadId ? before : new PersonEntry(version, Known(before));
    }

    private PersonVersion? Known(PersonEntry? entry) =>
        entry is null ? null
        : live.Contains(entry.Current.UploadId) ? entry.Current
        : entry.Previous is { } previous && live.Contains(previous.UploadId) ? previous
        : null;

    private static PersonGroup Empty(string key) => new(key, default, new Dictionary<string, PersonEntry>(StringComparer.Ordinal));
}
