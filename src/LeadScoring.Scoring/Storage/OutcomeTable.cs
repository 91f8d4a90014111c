using Azure.Data.Tables;
using LeadScoring.Scoring.Outcomes;
using LeadScoring.Scoring.Storage.Rows;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Table <c>outcomes</c>: partition = offer id, row key = person id, so an offer's outcomes are one partition, written
/// in transactions of up to 100 and read back by one scan; a later outcome for a person replaces the earlier one.
/// </summary>
public sealed class OutcomeTable(TableServiceClient service)
{
    private const int MaxBatch = 100;
    private readonly TableClient table = service.GetTableClient(StorageNames.Outcomes);

    /// <summary>Records the outcomes (one per person), replacing what was recorded for those people before.</summary>
    public async Task UpsertAsync(string offerId, IReadOnlyCollection<RecordedOutcome> outcomes, CancellationToken cancellationToken)
    {
        foreach (var chunk in outcomes.Chunk(MaxBatch))
        {
            await table.SubmitTransactionAsync(chunk.Select(outcome => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new OutcomeRow
            {
                PartitionKey = offerId,
                RowKey = outcome.PersonId,
                Outcome = outcome.Reading.Kind.ToString(),
                Value = outcome.Reading.Value,
                Column = outcome.Reading.Column,
                RecordedAt = outcome.RecordedAt,
            })), cancellationToken);
        }
    }

    /// <summary>Every outcome recorded for the offer, by person.</summary>
    public async Task<IReadOnlyDictionary<string, RecordedOutcome>> ListAsync(string offerId, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, RecordedOutcome>(StringComparer.Ordinal);
        if (!TableKey.IsValidId(offerId)) return outcomes;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {offerId}");
        await foreach (var row in table.QueryAsync<OutcomeRow>(filter, cancellationToken: cancellationToken))
        {
            var kind = Enum.TryParse<OutcomeKind>(row.Outcome, out var parsed) ? parsed : OutcomeKind.Open;
            outcomes[row.RowKey] = new RecordedOutcome(row.RowKey, new OutcomeReading(kind, row.Value ?? "", row.Column ?? ""), row.RecordedAt ?? DateTimeOffset.MinValue);
        }

        return outcomes;
    }
}
