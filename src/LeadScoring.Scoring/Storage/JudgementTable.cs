using Azure.Data.Tables;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Storage.Rows;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Table <c>judgements</c>: the model's judgements remembered by content (<see cref="JudgementKey"/>, a SHA-256 in hex).
/// Partition = the key's first two hex digits (256 partitions spread the load), row = the whole key. A row holds only
/// the label, the confidence, the one-line reason and when it was judged: no lead data.
/// </summary>
public sealed class JudgementTable(TableServiceClient service) : IJudgementCache
{
    private readonly TableClient table = service.GetTableClient(StorageNames.Judgements);

    public async Task<RememberedJudgement?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<JudgementRow>(PartitionOf(key), key, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row && Enum.TryParse<Intent>(row.Intent, out var intent)
            ? new RememberedJudgement(intent, row.Confidence, row.Reason ?? "", row.JudgedAt)
            : null;
    }

    public async Task SetAsync(string key, RememberedJudgement judgement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        await table.UpsertEntityAsync(
            new JudgementRow
            {
                PartitionKey = PartitionOf(key),
                RowKey = key,
                Intent = judgement.Intent.ToString(),
                Confidence = judgement.Confidence,
                Reason = judgement.Reason,
                JudgedAt = judgement.JudgedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    private static string PartitionOf(string key) => key.Length >= 2 ? key[..2] : key;
}
