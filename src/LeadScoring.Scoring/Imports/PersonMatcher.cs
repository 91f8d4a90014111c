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
/// Matches one bucket's batch of an upload's people against the identity index and records the new versions in it.
/// The common case, a batch of new people, is one transaction; a batch that meets someone indexed reads them and
/// writes the batch under their ETags. A version whose upload failed or was deleted does not count (the one before
/// it does), so a failed import never makes a person "unchanged" that is stored nowhere.
/// </summary>
public sealed class PersonMatcher(PersonTable people, ConflictRetry conflicts)
{
    /// <param name="isLive">Whether an upload's leads count (committed, or the import under way).</param>
    public async Task<IReadOnlyList<PersonMatchOutcome>> MatchAsync(
        IReadOnlyList<PersonVersion> versions, Func<string, bool> isLive, CancellationToken cancellationToken)
    {
        if (await people.TryAddAsync(versions, cancellationToken)) return [.. versions.Select(_ => PersonMatchOutcome.Inserted)];

        return await conflicts.ExecuteAsync(async token =>
        {
            var stored = await people.GetAsync(versions.Select(version => version.PersonId), token);
            var outcomes = new List<PersonMatchOutcome>(versions.Count);
            var writes = new List<PersonWrite>(versions.Count);
            foreach (var version in versions)
            {
                var over = stored.GetValueOrDefault(version.PersonId);
                var known = over is null ? null : isLive(over.Current.UploadId) ? over.Current : over.Previous is { } previous && isLive(previous.UploadId) ? previous : null;
                var outcome = known is null ? PersonMatchOutcome.Inserted
                    : known.FieldsHash == version.FieldsHash ? PersonMatchOutcome.Unchanged
                    : PersonMatchOutcome.Updated;
                outcomes.Add(outcome);
                if (outcome != PersonMatchOutcome.Unchanged) writes.Add(new PersonWrite(version, known, over));
            }

            await people.WriteAsync(writes, token);
            return (IReadOnlyList<PersonMatchOutcome>)outcomes;
        }, cancellationToken);
    }
}
