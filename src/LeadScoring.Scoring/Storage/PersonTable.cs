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

/// <summary>A person's row in the index as read, with the ETag a replacement must match.</summary>
public sealed record StoredPerson(PersonVersion Current, PersonVersion? Previous, ETag ETag);

/// <summary>A write to the index: the new current version over what was read (null: the person is new).</summary>
public sealed record PersonWrite(PersonVersion Current, PersonVersion? Previous, StoredPerson? Over);

/// <summary>
/// Table <c>people</c>, the identity index: partition = first hex digit of the person id (16 buckets), row = person id.
/// An upload groups its rows by bucket, so a hundred new people are one entity-group transaction (Add); only a
/// batch that meets someone already indexed (409) reads its rows one by one. The leads themselves stay in the upload's
/// own partition of <c>leads</c>, where the fan-out reads them by line.
/// </summary>
public sealed class PersonTable(TableServiceClient service, ConflictRetry conflicts)
{
    public const int MaxBatch = 100;
    private const int ParallelReads = 16;
    private readonly TableClient table = service.GetTableClient(StorageNames.People);

    public static string BucketOf(string personId) => personId[..1];

    /// <summary>Adds the versions (one bucket) as new people in one transaction; false, writing nothing, when one is indexed already.</summary>
    public async Task<bool> TryAddAsync(IReadOnlyList<PersonVersion> versions, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(versions.Select(v => new TableTransactionAction(TableTransactionActionType.Add, ToRow(v, null))), cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The indexed rows among the ids (absent ones are left out).</summary>
    public async Task<IReadOnlyDictionary<string, StoredPerson>> GetAsync(IEnumerable<string> personIds, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, StoredPerson>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(personIds, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (personId, token) =>
        {
            var response = await table.GetEntityIfExistsAsync<PersonRow>(BucketOf(personId), personId, cancellationToken: token);
            if (response.HasValue && ToStored(response.Value!) is { } stored) found[personId] = stored;
        });
        return found;
    }

    /// <summary>
    /// Writes the versions (one bucket) in one transaction: an Add for a new person, a replacement under the ETag read
    /// otherwise. A writer that got there first fails it with 409 or 412: read again and retry (<see cref="ConflictRetry"/>).
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<PersonWrite> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0) return;
        await table.SubmitTransactionAsync(writes.Select(write => write.Over is { } over
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToRow(write.Current, write.Previous), over.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, ToRow(write.Current, write.Previous))), cancellationToken);
    }

    /// <summary>
    /// Takes an upload's versions out of the index (the upload failed or is deleted): a person whose current version
    /// came in it falls back to the version before, or leaves the index when there is none. A row another upload has
    /// changed meanwhile is read again.
    /// </summary>
    public async Task RemoveUploadAsync(string uploadId, IEnumerable<string> personIds, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(personIds, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (personId, token) =>
            await conflicts.ExecuteAsync(async attempt =>
            {
                var response = await table.GetEntityIfExistsAsync<PersonRow>(BucketOf(personId), personId, cancellationToken: attempt);
                if (!response.HasValue || ToStored(response.Value!) is not { } stored) return;
                try
                {
                    if (stored.Current.UploadId == uploadId)
                    {
                        if (stored.Previous is { } previous) await table.UpdateEntityAsync(ToRow(previous, null), stored.ETag, TableUpdateMode.Replace, attempt);
                        else await table.DeleteEntityAsync(BucketOf(personId), personId, stored.ETag, attempt);
                    }
                    else if (stored.Previous?.UploadId == uploadId)
                    {
                        await table.UpdateEntityAsync(ToRow(stored.Current, null), stored.ETag, TableUpdateMode.Replace, attempt);
                    }
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // Gone meanwhile: nothing left to take out.
                }
            }, token));
    }

    private static PersonRow ToRow(PersonVersion current, PersonVersion? previous) => new()
    {
        PartitionKey = BucketOf(current.PersonId),
        RowKey = current.PersonId,
        LeadId = current.LeadId,
        FieldsHash = current.FieldsHash,
        PreviousLeadId = previous?.LeadId,
        PreviousFieldsHash = previous?.FieldsHash,
    };

    private static StoredPerson? ToStored(PersonRow row) =>
        row.LeadId is { } leadId
            ? new StoredPerson(
                new PersonVersion(row.RowKey, leadId, row.FieldsHash ?? ""),
                row.PreviousLeadId is { } previous ? new PersonVersion(row.RowKey, previous, row.PreviousFieldsHash ?? "") : null,
                row.ETag)
            : null;
}
