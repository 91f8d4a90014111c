using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using LeadScoring.Scoring.Runs;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Table <c>runs</c>: partition = run id. Rows: "run" (offer, queued, created, completed); "counter|NN"
/// (sharded scored/failed counts, so parallel scorers rarely collide on one ETag); "lead|{leadId}" (the lead was
/// counted: its outcome); "failure|{leadId}" (why it failed, listed by the status call); "attempt|{leadId}" (the
/// last error of a failed attempt, for the poison handler). Counting a lead is one transaction that adds the
/// "lead|" marker and bumps a counter shard under its ETag: a duplicate message finds the marker and counts nothing.
/// </summary>
public sealed class RunTable(TableServiceClient service, ConflictRetry conflicts, TimeProvider clock)
{
    public const int MaxFailuresListed = 100;
    private const int Shards = 16;
    private const string HeadKey = "run";
    private readonly TableClient table = service.GetTableClient(StorageNames.Runs);

    public string NewRunId() =>
        clock.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)
        + "-" + RandomNumberGenerator.GetHexString(6, lowercase: true);

    /// <summary>Writes the run and its zeroed counters in one transaction; a run with nothing to do is complete at once.</summary>
    public async Task CreateAsync(string runId, string offerId, int queued, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var head = new TableEntity(runId, HeadKey) { ["OfferId"] = offerId, ["Queued"] = queued, ["CreatedAt"] = now };
        if (queued == 0) head["CompletedAt"] = now;

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, head) };
        actions.AddRange(Enumerable.Range(0, Shards).Select(shard => new TableTransactionAction(
            TableTransactionActionType.Add, new TableEntity(runId, CounterKey(shard)) { ["Scored"] = 0, ["Failed"] = 0 })));
        await table.SubmitTransactionAsync(actions, cancellationToken);
    }

    internal async Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(runId)) return null;
        var response = await table.GetEntityIfExistsAsync<TableEntity>(runId, HeadKey, cancellationToken: cancellationToken);
        if (!response.HasValue) return null;
        var head = response.Value!;
        return new RunRecord(
            runId,
            head.GetString("OfferId") ?? "",
            head.GetInt32("Queued") ?? 0,
            head.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            head.GetDateTimeOffset("CompletedAt"),
            head.ETag);
    }

    public async Task<bool> IsCountedAsync(string runId, string leadId, CancellationToken cancellationToken) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(runId, MarkerKey(leadId), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>Counts a lead once. Returns false when it had already been counted (a redelivered or duplicate message).</summary>
    public Task<bool> CountAsync(string runId, string leadId, LeadOutcome outcome, string? error, CancellationToken cancellationToken) =>
        conflicts.ExecuteAsync(async token =>
        {
            var shardKey = CounterKey(Random.Shared.Next(Shards));
            var shard = (await table.GetEntityAsync<TableEntity>(runId, shardKey, cancellationToken: token)).Value;
            var column = outcome == LeadOutcome.Scored ? "Scored" : "Failed";
            var actions = new List<TableTransactionAction>(3)
            {
                new(TableTransactionActionType.Add, new TableEntity(runId, MarkerKey(leadId)) { ["Outcome"] = outcome.ToString(), ["Error"] = error }),
                new(TableTransactionActionType.UpdateMerge, new TableEntity(runId, shardKey) { [column] = (shard.GetInt32(column) ?? 0) + 1 }, shard.ETag),
            };
            if (outcome == LeadOutcome.Failed)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(runId, FailureKey(leadId)) { ["LeadId"] = leadId, ["Error"] = error }));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, token);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                if (await IsCountedAsync(runId, leadId, token)) return false;
                throw;
            }
        }, cancellationToken).AsTask();

    /// <summary>Stamps completed_at once, when scored + failed reaches queued; a concurrent stamp wins harmlessly.</summary>
    public async Task CompleteIfDoneAsync(string runId, CancellationToken cancellationToken)
    {
        if (await GetAsync(runId, cancellationToken) is not { CompletedAt: null } run) return;
        var (scored, failed) = await SumCountersAsync(runId, cancellationToken);
        if (scored + failed < run.Queued) return;

        try
        {
            await table.UpdateEntityAsync(
                new TableEntity(runId, HeadKey) { ["CompletedAt"] = clock.GetUtcNow() }, run.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Another scorer completed the run between our read and write.
        }
    }

    /// <summary>Keeps the last error of a failed attempt, so the poison handler can say why the lead failed.</summary>
    public async Task RecordAttemptErrorAsync(string runId, string leadId, string error, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(
            new TableEntity(runId, AttemptKey(leadId)) { ["Error"] = error, ["At"] = clock.GetUtcNow() },
            TableUpdateMode.Replace, cancellationToken);

    public async Task<string?> GetAttemptErrorAsync(string runId, string leadId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(runId, AttemptKey(leadId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.GetString("Error") : null;
    }

    /// <summary>The run's progress and its first failures; null when there is no such run.</summary>
    public async Task<RunStatus?> GetStatusAsync(string runId, CancellationToken cancellationToken)
    {
        if (await GetAsync(runId, cancellationToken) is not { } run) return null;
        var (scored, failed) = await SumCountersAsync(runId, cancellationToken);

        var failures = new List<RunFailure>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {runId} and RowKey ge {"failure|"} and RowKey lt {"failure}"}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, MaxFailuresListed, cancellationToken: cancellationToken))
        {
            failures.Add(new RunFailure(entity.GetString("LeadId") ?? "", entity.GetString("Error") ?? ""));
            if (failures.Count == MaxFailuresListed) break;
        }

        return new RunStatus(runId, run.OfferId, run.Queued, scored, failed, run.CreatedAt, run.CompletedAt, failures);
    }

    private async Task<(int Scored, int Failed)> SumCountersAsync(string runId, CancellationToken cancellationToken)
    {
        var (scored, failed) = (0, 0);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {runId} and RowKey ge {"counter|"} and RowKey lt {"counter}"}");
        await foreach (var shard in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            scored += shard.GetInt32("Scored") ?? 0;
            failed += shard.GetInt32("Failed") ?? 0;
        }

        return (scored, failed);
    }

    private static string CounterKey(int shard) => "counter|" + shard.ToString("D2", CultureInfo.InvariantCulture);

    private static string MarkerKey(string leadId) => "lead|" + leadId;

    private static string FailureKey(string leadId) => "failure|" + leadId;

    private static string AttemptKey(string leadId) => "attempt|" + leadId;

    /// <summary>
    /// Takes leads that were never fanned out back out of a run (its start failed part-way), under the run's ETag,
    /// and completes the run when what is left has been counted already.
    /// </summary>
    public async Task ReduceQueuedAsync(string runId, int leads, CancellationToken cancellationToken)
    {
        await conflicts.ExecuteAsync(async token =>
        {
            var run = await GetAsync(runId, token) ?? throw new InvalidOperationException($"Run {runId} does not exist.");
            await table.UpdateEntityAsync(
                new TableEntity(runId, HeadKey) { ["Queued"] = Math.Max(0, run.Queued - leads) }, run.ETag, TableUpdateMode.Merge, token);
        }, cancellationToken);
        await CompleteIfDoneAsync(runId, cancellationToken);
    }
}
