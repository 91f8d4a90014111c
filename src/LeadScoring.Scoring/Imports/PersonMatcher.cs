using System.Collections.Concurrent;
using LeadScoring.Scoring.Leads;
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
/// What matching a row decided: the outcome, the person it is a version of, the version it replaced (an update), and
/// how many people stored with the same name and company it was kept apart from (0 when it was matched by name).
/// </summary>
internal readonly record struct PersonMatch(PersonMatchOutcome Outcome, string PersonId, PersonVersion? Replaced, int SameNameStored);

/// <summary>
/// One import's view of the identity index: reads each group its people fall in once, matches every person in memory,
/// and saves the groups it changed when the import's leads are stored. A version whose upload does not count
/// (it failed, or was deleted) is passed over for the one before it, so neither a failed import nor a delete has to
/// touch the index, and a person is never "unchanged" against a version stored nowhere.
/// </summary>
/// <param name="live">The uploads whose leads count: committed when the import began, and the import's own.</param>
/// <param name="sharedNames">The name keys (<see cref="PersonIdentity.NameKey"/>) that more than one row of the file has.</param>
internal sealed class PersonMatcher(PersonTable people, ConflictRetry conflicts, IReadOnlySet<string> live, IReadOnlySet<string> sharedNames)
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

    /// <summary>
    /// Matches a row (its group loaded) and records its version as the person's current one unless unchanged. A strong
    /// identity is the person. A row with only a name and a company is the person stored under the very same row, else
    /// the one person stored with that name and company when the file has no other row with them, else a new person.
    /// </summary>
    public PersonMatch Match(PersonIdentity identity, string leadId, string fieldsHash)
    {
        var group = groups[PersonTable.GroupOf(identity.PersonId)];
        var (personId, sameNameStored) = identity.Kind == IdentityKind.NameAndCompany ? ByName(group, identity, leadId) : (identity.PersonId, 0);
        var version = new PersonVersion(personId, leadId, fieldsHash);
        var entry = group.Entries.GetValueOrDefault(personId);
        // This very version was matched before (a step stored again after a restart, its index saved): it is what it
        // was then, new or an update of the version before it.
        var again = entry?.Current.LeadId == leadId;
        var known = again ? Known(entry!.Previous is { } previous ? new PersonEntry(previous, null) : null) : Known(entry);
        if (!again && known is not null && known.FieldsHash == fieldsHash) return new PersonMatch(PersonMatchOutcome.Unchanged, personId, null, sameNameStored);

        Apply(group, version);
        var partition = PersonTable.PartitionOf(personId);
        (ours.TryGetValue(partition, out var versions) ? versions : ours[partition] = []).Add(version);
        return known is null
            ? new PersonMatch(PersonMatchOutcome.Inserted, personId, null, sameNameStored)
            : new PersonMatch(PersonMatchOutcome.Updated, personId, known, sameNameStored);
    }

    /// <summary>
    /// Whom a name-and-company row is, and how many people stored with its name and company it was kept apart from.
    /// Their ids all start with the name key, so they are in the row's own group.
    /// </summary>
    private (string PersonId, int SameNameStored) ByName(PersonGroup group, PersonIdentity identity, string leadId)
    {
        LeadTable.TryParseLeadId(leadId, out var ownUpload, out _);
        var stored = new List<string>();
        foreach (var (personId, entry) in group.Entries)
        {
            if (!personId.StartsWith(identity.NameKey!, StringComparison.Ordinal)) continue;
            if (entry.Current.LeadId == leadId) return (personId, 0); // matched before: whom it was then
            // Stored before this import: a person only this import added is another row of the file.
            var before = entry.Current.UploadId == ownUpload ? (entry.Previous is { } previous ? new PersonEntry(previous, null) : null) : entry;
            if (Known(before) is not null) stored.Add(personId);
        }

        if (stored.Contains(identity.PersonId)) return (identity.PersonId, 0);
        if (stored.Count == 1 && !sharedNames.Contains(identity.NameKey!)) return (stored[0], 0);
        return (identity.PersonId, stored.Count);
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
