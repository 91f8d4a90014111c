using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Scores;
using LeadScoring.Scoring.Storage.Rows;
using Microsoft.Extensions.Caching.Memory;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Table <c>runs</c>: partition = run id. Rows: "run" (offer, queued, created, completed); "counter|NN"
/// (sharded scored/failed counts and the AI figures of <see cref="RunAiFigures"/>, so parallel scorers rarely collide
/// on one ETag); "aiwait" (until when leads wait for Gemini's daily quota); "fanout|{uploadId}" (how far the
/// fan-out of an upload got, so a redelivered step is not repeated; written at the start); "lead|{leadId}" (the lead was
/// counted: its outcome); "failure|{leadId}" (why it failed, listed by the status call); "attempt|{leadId}" (the
/// last error of a failed attempt, for the poison handler); "sweep" and "redrive|{leadId}" (leads the sweeper sent
/// again: in all, and how often each). Counting a lead is one transaction that adds the
/// "lead|" marker and bumps a counter shard under its ETag: a duplicate message finds the marker and counts nothing.
/// Counters carry the time of their last count, so completed_at is exact although completion is checked lazily.
/// Every row is a typed entity (<see cref="Rows"/>) except the counter shards: their AI columns are named by
/// <see cref="RunAiFigures.CounterNames"/> (one per fallback reason), so they stay a dictionary.
/// </summary>
public sealed class RunTable(
    TableServiceClient service, ConflictRetry conflicts, IMemoryCache cache, TimeProvider clock, TrainQueue? training = null)
{
    public const int MaxFailuresListed = 100;
    private const int Shards = 16;
    private const int MaxBatch = 100;
    private const string SweepKey = "sweep";
    private const string HeadKey = "run";
    private const string QuotaWaitKey = "aiwait";
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(30);
    private readonly TableClient table = service.GetTableClient(StorageNames.Runs);

    public string NewRunId() =>
        clock.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)
        + "-" + RandomNumberGenerator.GetHexString(6, lowercase: true);

    /// <summary>
    /// Writes the run, its zeroed counters and the cursor of each upload's fan-out (<paramref name="fanOuts"/>) in one
    /// transaction; cursors past what one transaction holds go first, in transactions of their own, so the run never
    /// exists without them. A run with nothing to do is complete at once.
    /// </summary>
    public async Task CreateAsync(
        string runId, string offerId, int queued, CancellationToken cancellationToken, string? modelVersion = null, IReadOnlyList<UploadFanOut>? fanOuts = null)
    {
        var now = clock.GetUtcNow();
        var head = new RunRow
        {
            PartitionKey = runId,
            RowKey = HeadKey,
            OfferId = offerId,
            ModelVersion = modelVersion,
            Queued = queued,
            CreatedAt = now,
            CompletedAt = queued == 0 ? now : null,
        };

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, head) };
        actions.AddRange(Enumerable.Range(0, Shards).Select(shard => new TableTransactionAction(
            TableTransactionActionType.Add, new TableEntity(runId, CounterKey(shard)) { ["Scored"] = 0, ["Failed"] = 0 })));
        var cursors = (fanOuts ?? []).Select(fanOut => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new FanOutRow
        {
            PartitionKey = runId,
            RowKey = FanOutKey(fanOut.UploadId),
            NextLine = fanOut.NextLine,
            LastLine = fanOut.LastLine,
            Expected = fanOut.Expected,
        })).ToList();
        var withHead = Math.Min(cursors.Count, MaxBatch - actions.Count);
        foreach (var chunk in cursors.Skip(withHead).Chunk(MaxBatch)) await table.SubmitTransactionAsync(chunk, cancellationToken);
        actions.AddRange(cursors.Take(withHead));
        await table.SubmitTransactionAsync(actions, cancellationToken);
    }

    private async Task<RunRow?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(runId)) return null;
        var response = await table.GetEntityIfExistsAsync<RunRow>(runId, HeadKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Whether the run exists. Runs are never deleted, so a run once seen is remembered for the process.</summary>
    public async Task<bool> ExistsAsync(string runId, CancellationToken cancellationToken) => await ModelOfAsync(runId, cancellationToken) is not null;

    /// <summary>
    /// The version of the learned model the run's leads are scored with ("" for none), or null when the run does not
    /// exist. Read once per run and process, with <see cref="ExistsAsync"/>: the hot path pays nothing for it.
    /// </summary>
    public async Task<string?> ModelOfAsync(string runId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(ExistsCacheKey(runId), out string? version)) return version;
        if (await GetAsync(runId, cancellationToken) is not { } run) return null;
        cache.Set(ExistsCacheKey(runId), run.ModelVersion ?? "", new MemoryCacheEntryOptions { SlidingExpiration = CacheFor });
        return run.ModelVersion ?? "";
    }

    public async Task<bool> IsCountedAsync(string runId, string leadId, CancellationToken cancellationToken) =>
        (await table.GetEntityIfExistsAsync<RunLeadRow>(runId, MarkerKey(leadId), select: [nameof(ITableEntity.RowKey)], cancellationToken: cancellationToken)).HasValue;

    /// <summary>
    /// Counts a lead once: its "lead|" marker is added and a counter shard bumped in one transaction, shared with the
    /// other leads of the run that this process counts at the same time (<see cref="GroupCommit{TItem}"/>: up to 99
    /// markers and one shard). Returns false when it had already been counted (the marker exists: a redelivered or
    /// duplicate message). The shard comes from this process's pool with the ETag of its last write, so counting needs
    /// no read; a transaction waits for a free shard rather than sharing one, whose ETag would only fail it.
    /// </summary>
    public Task<bool> CountAsync(string runId, string leadId, LeadOutcome outcome, string? error, CancellationToken cancellationToken) =>
        CountAsync(runId, new PendingCount(leadId, outcome, error, []), cancellationToken);

    /// <summary>Counts a scored lead once, with what its AI half did and spent (<see cref="RunAiFigures"/>).</summary>
    public Task<bool> CountScoredAsync(string runId, string leadId, LeadScore score, CancellationToken cancellationToken) =>
        CountAsync(runId, new PendingCount(leadId, LeadOutcome.Scored, null, RunAiFigures.CountersOf(score)), cancellationToken);

    private Task<bool> CountAsync(string runId, PendingCount count, CancellationToken cancellationToken)
    {
        LazyInitializer.EnsureInitialized(ref counts, () => new GroupCommit<PendingCount>(CommitCountsAsync, maxItems: MaxBatch - 1, maxWeight: MaxBatch - 1));
        counts.Submit(runId, count);
        return count.Counted.Task.WaitAsync(cancellationToken);
    }

    private GroupCommit<PendingCount>? counts;

    private Task CommitCountsAsync(string runId, IReadOnlyList<PendingCount> batch, CancellationToken cancellationToken)
    {
        var pool = ShardPoolFor(runId);
        var uncounted = batch.ToList();
        return conflicts.ExecuteAsync(async token =>
        {
            var shard = await pool.Reader.ReadAsync(token);
            var next = shard with { ETag = default };
            try
            {
                if (shard.ETag == default) shard = await ReadShardAsync(runId, shard.Key, token);
                while (uncounted.Count > 0)
                {
                    var (actions, owners, counted) = CountActions(runId, shard, uncounted);
                    try
                    {
                        var responses = (await table.SubmitTransactionAsync(actions, token)).Value;
                        next = counted with { ETag = responses[^1].Headers.ETag ?? default };
                        foreach (var count in uncounted) count.Counted.TrySetResult(true);
                        return;
                    }
                    catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is { } failed && failed < owners.Count)
                    {
                        // Only a marker can already exist: that lead was counted before, and nothing was written now.
                        owners[failed].Counted.TrySetResult(false);
                        uncounted.Remove(owners[failed]);
                    }
                }

                // Every lead had been counted and nothing was written: the shard keeps its ETag (if a write this client never
                // saw the answer to went through, the next write fails with 412 and reads it again).
                next = shard;
            }
            finally
            {
                // A failed write leaves the shard's state unknown (next = ETag-less): whoever takes it reads it first.
                pool.Writer.TryWrite(next);
            }
        }, cancellationToken).AsTask();
    }

    /// <summary>The markers (and failure rows) of the leads, then the shard with their counts added, under its ETag.</summary>
    private (List<TableTransactionAction> Actions, List<PendingCount> Owners, CounterShard Counted) CountActions(
        string runId, CounterShard shard, IReadOnlyList<PendingCount> leads)
    {
        var (actions, owners, counted) = (new List<TableTransactionAction>(leads.Count + 1), new List<PendingCount>(leads.Count + 1), shard);
        foreach (var lead in leads)
        {
            counted = (lead.Outcome == LeadOutcome.Scored ? counted with { Scored = counted.Scored + 1 } : counted with { Failed = counted.Failed + 1 }).Plus(lead.Ai);
            actions.Add(new(TableTransactionActionType.Add, new RunLeadRow { PartitionKey = runId, RowKey = MarkerKey(lead.LeadId), Outcome = lead.Outcome.ToString(), Error = lead.Error }));
            owners.Add(lead);
            if (lead.Outcome == LeadOutcome.Failed)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, new RunFailureRow { PartitionKey = runId, RowKey = FailureKey(lead.LeadId), LeadId = lead.LeadId, Error = lead.Error }));
                owners.Add(lead);
            }
        }

        var counters = new TableEntity(runId, shard.Key)
        {
            ["Scored"] = counted.Scored,
            ["Failed"] = counted.Failed,
            ["LastCountedAt"] = clock.GetUtcNow(),
        };
        foreach (var (name, value) in counted.Ai) counters[name] = value;
        actions.Add(new(TableTransactionActionType.UpdateMerge, counters, shard.ETag));
        return (actions, owners, counted);
    }

    /// <summary>A lead waiting to be counted in its run's next transaction; settled with whether it counted.</summary>
    private sealed record PendingCount(string LeadId, LeadOutcome Outcome, string? Error, IReadOnlyList<(string Name, long Value)> Ai) : IGroupCommitItem
    {
        public TaskCompletionSource<bool> Counted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Key => LeadId;

        public int Weight => Outcome == LeadOutcome.Failed ? 2 : 1;

        public void Fail(Exception exception) => Counted.TrySetException(exception);
    }

    /// <summary>
    /// Stamps completed_at once, when scored + failed reaches queued; a concurrent stamp wins harmlessly.
    /// The time stamped is when the last lead was counted, not when the check ran.
    /// </summary>
    public async Task CompleteIfDoneAsync(string runId, CancellationToken cancellationToken)
    {
        // The counters before the run: a lead counted by then was queued before, and so was any correction of Queued.
        var counters = await SumCountersAsync(runId, cancellationToken);
        if (await GetAsync(runId, cancellationToken) is not { CompletedAt: null } run) return;
        await CompleteIfDoneAsync(run, counters, await QueuedAsync(run, cancellationToken), cancellationToken);
    }

    private async Task<DateTimeOffset?> CompleteIfDoneAsync(RunRow run, Counters counters, int queued, CancellationToken cancellationToken, bool again = false)
    {
        if (run.CompletedAt is not null || counters.Scored + counters.Failed < queued) return run.CompletedAt;

        var completedAt = counters.LastCountedAt ?? clock.GetUtcNow();
        try
        {
            run.CompletedAt = completedAt;
            await table.UpdateEntityAsync(run, run.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Another check completed the run between our read and write, or a fan-out flagged a correction: check once more.
            if (again || await GetAsync(run.PartitionKey, cancellationToken) is not { } fresh) return completedAt;
            return await CompleteIfDoneAsync(fresh, counters, await QueuedAsync(fresh, cancellationToken), cancellationToken, again: true);
        }

        await RequestTrainingAsync(run, cancellationToken);
        return completedAt;
    }

    /// <summary>
    /// A run that completes has scored leads whose outcomes may be known already (a CRM export brings both): the
    /// offer's likelihood is trained again. Best effort: the run is complete whatever this does, and the next outcome
    /// recorded asks again.
    /// </summary>
    private async Task RequestTrainingAsync(RunRow run, CancellationToken cancellationToken)
    {
        if (training is null || run.OfferId is not { } offerId) return;
        try
        {
            await training.RequestAsync(offerId, clock.GetUtcNow(), cancellationToken);
        }
        catch (RequestFailedException)
        {
        }
    }

    /// <summary>The leads the run counts on: as it started, corrected by the fan-outs that queued more or fewer.</summary>
    private async Task<int> QueuedAsync(RunRow run, CancellationToken cancellationToken)
    {
        if (!run.Adjusted) return run.Queued;
        var queued = run.Queued;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {run.PartitionKey} and RowKey ge {"fanout|"} and RowKey lt {"fanout}"}");
        await foreach (var row in table.QueryAsync<FanOutRow>(filter, select: [nameof(FanOutRow.Excess), nameof(FanOutRow.Shortfall)], cancellationToken: cancellationToken))
        {
            queued += row.Excess - row.Shortfall;
        }

        return Math.Max(0, queued);
    }

    /// <summary>
    /// Takes leads that were never fanned out back out of a run (its start failed part-way), under the run's ETag,
    /// and completes the run when what is left has been counted already.
    /// </summary>
    public async Task ReduceQueuedAsync(string runId, int leads, CancellationToken cancellationToken)
    {
        await conflicts.ExecuteAsync(async token =>
        {
            var run = await GetAsync(runId, token) ?? throw new InvalidOperationException($"Run {runId} does not exist.");
            run.Queued = Math.Max(0, run.Queued - leads);
            await table.UpdateEntityAsync(run, run.ETag, TableUpdateMode.Replace, token);
        }, cancellationToken);
        await CompleteIfDoneAsync(runId, cancellationToken);
    }

    /// <summary>The first line of the upload that the run has not fanned out yet (1 before the first step).</summary>
    public async Task<FanOutCursor> GetFanOutCursorAsync(string runId, string uploadId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<FanOutRow>(runId, FanOutKey(uploadId), cancellationToken: cancellationToken);
        return response.HasValue
            ? new FanOutCursor(response.Value!.NextLine, response.Value.ETag.ToString())
            {
                Sent = response.Value.Sent,
                Excess = response.Value.Excess,
                LastLine = response.Value.LastLine,
                Expected = response.Value.Expected,
            }
            : new FanOutCursor(1, null);
    }

    /// <summary>
    /// Owns up, before they are sent, to leads the fan-out queues beyond what the run expected of the upload, so the
    /// run cannot complete without them. A value, not an increment: a repeated step writes the same. Returns the
    /// cursor with its new ETag, or null when another copy of the step moved it first.
    /// </summary>
    public async Task<FanOutCursor?> RecordExcessAsync(string runId, string uploadId, FanOutCursor read, int excess, CancellationToken cancellationToken)
    {
        await FlagAdjustedAsync(runId, cancellationToken);
        var entity = new FanOutRow
        {
            PartitionKey = runId,
            RowKey = FanOutKey(uploadId),
            NextLine = read.NextLine,
            Sent = read.Sent,
            Excess = excess,
            LastLine = read.LastLine,
            Expected = read.Expected,
        };
        try
        {
            var response = read.Version is null
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, new ETag(read.Version), TableUpdateMode.Replace, cancellationToken);
            return read with { Version = (response.Headers.ETag ?? ETag.All).ToString(), Excess = excess };
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves the cursor past a fanned-out step, with the leads queued so far and, after the upload's last step, how
    /// many fewer than expected it queued; false when another copy of the step moved it first.
    /// </summary>
    public async Task<bool> AdvanceFanOutCursorAsync(
        string runId, string uploadId, FanOutCursor read, long nextLine, int sent, int shortfall, CancellationToken cancellationToken)
    {
        if (shortfall > 0) await FlagAdjustedAsync(runId, cancellationToken);
        var entity = new FanOutRow
        {
            PartitionKey = runId,
            RowKey = FanOutKey(uploadId),
            NextLine = nextLine,
            Sent = sent,
            Excess = read.Excess,
            Shortfall = shortfall,
            LastLine = read.LastLine,
            Expected = read.Expected,
        };
        try
        {
            if (read.Version is null) await table.AddEntityAsync(entity, cancellationToken);
            else await table.UpdateEntityAsync(entity, new ETag(read.Version), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Tells readers of the run to add up its fan-out corrections (set before the first is written).</summary>
    private async Task FlagAdjustedAsync(string runId, CancellationToken cancellationToken) =>
        await table.UpdateEntityAsync(new TableEntity(runId, HeadKey) { [nameof(RunRow.Adjusted)] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Keeps the last error of a failed attempt, so the poison handler can say why the lead failed.</summary>
    public async Task RecordAttemptErrorAsync(string runId, string leadId, string error, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(
            new RunFailureRow { PartitionKey = runId, RowKey = AttemptKey(leadId), LeadId = leadId, Error = error, At = clock.GetUtcNow() },
            TableUpdateMode.Replace, cancellationToken);

    public async Task<string?> GetAttemptErrorAsync(string runId, string leadId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<RunFailureRow>(runId, AttemptKey(leadId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.Error : null;
    }

    /// <summary>The run's progress and its first failures; null when there is no such run.</summary>
    public async Task<RunStatus?> GetStatusAsync(string runId, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(runId)) return null;
        var counters = await SumCountersAsync(runId, cancellationToken);
        if (await GetAsync(runId, cancellationToken) is not { } run) return null;
        var queued = await QueuedAsync(run, cancellationToken);
        var completedAt = await CompleteIfDoneAsync(run, counters, queued, cancellationToken);

        var failures = new List<RunFailure>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {runId} and RowKey ge {"failure|"} and RowKey lt {"failure}"}");
        await foreach (var row in table.QueryAsync<RunFailureRow>(filter, MaxFailuresListed, cancellationToken: cancellationToken))
        {
            failures.Add(new RunFailure(row.LeadId ?? "", row.Error ?? ""));
            if (failures.Count == MaxFailuresListed) break;
        }

        var ai = RunAiFigures.FromCounters(counters.Ai);
        if (completedAt is null && await GetQuotaWaitAsync(runId, cancellationToken) is { } until && until > clock.GetUtcNow())
        {
            ai = ai with { WaitingForQuotaUntil = until };
        }

        var swept = await table.GetEntityIfExistsAsync<RunSweepRow>(runId, SweepKey, cancellationToken: cancellationToken);
        return new RunStatus(runId, run.OfferId ?? "", queued, counters.Scored, counters.Failed, run.CreatedAt ?? DateTimeOffset.MinValue, completedAt, failures, ai)
        {
            Redriven = swept.HasValue ? new RunRedrives(swept.Value!.Sweeps, swept.Value.Redriven, swept.Value.FanOutSteps) : RunRedrives.None,
        };
    }

    /// <summary>When the run last counted a lead (null before its first): one query, what a sweep pays for a moving run.</summary>
    public async Task<DateTimeOffset?> LastCountedAtAsync(string runId, CancellationToken cancellationToken) =>
        (await SumCountersAsync(runId, cancellationToken)).LastCountedAt;

    /// <summary>How far the run fanned out each of its uploads.</summary>
    public async Task<IReadOnlyList<UploadFanOut>> ListFanOutsAsync(string runId, CancellationToken cancellationToken)
    {
        var fanOuts = new List<UploadFanOut>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {runId} and RowKey ge {"fanout|"} and RowKey lt {"fanout}"}");
        await foreach (var row in table.QueryAsync<FanOutRow>(filter, cancellationToken: cancellationToken))
        {
            fanOuts.Add(new UploadFanOut(row.RowKey["fanout|".Length..], row.NextLine, row.LastLine, row.Expected));
        }

        return fanOuts;
    }

    /// <summary>The leads the run has counted (scored or failed).</summary>
    public async Task<IReadOnlySet<string>> ListCountedAsync(string runId, CancellationToken cancellationToken) =>
        await ListLeadKeysAsync(runId, "lead|", cancellationToken);

    /// <summary>How often the sweeper has sent each lead of the run again, and when it first did.</summary>
    public async Task<IReadOnlyDictionary<string, (int Times, DateTimeOffset FirstAt)>> GetRedrivesAsync(string runId, CancellationToken cancellationToken)
    {
        var redrives = new Dictionary<string, (int, DateTimeOffset)>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {runId} and RowKey ge {"redrive|"} and RowKey lt {"redrive}"}");
        await foreach (var row in table.QueryAsync<RunSweepRow>(filter, cancellationToken: cancellationToken))
        {
            redrives[row.RowKey["redrive|".Length..]] = (row.Redriven, row.FirstAt ?? row.Timestamp ?? clock.GetUtcNow());
        }

        return redrives;
    }

    /// <summary>
    /// Records a sweep of the run before its messages are sent: the leads it sends again (how often each has been sent
    /// again now, and when first) and the fan-out steps, added to the run's totals. The totals are written under their
    /// ETag, in the first transaction: false when another sweep of the run recorded meanwhile (that one goes on).
    /// </summary>
    public async Task<bool> RecordSweepAsync(
        string runId, IReadOnlyList<(string LeadId, int Times, DateTimeOffset FirstAt)> leads, int fanOutSteps, CancellationToken cancellationToken)
    {
        var read = await table.GetEntityIfExistsAsync<RunSweepRow>(runId, SweepKey, cancellationToken: cancellationToken);
        var total = read.HasValue ? read.Value! : null;
        var totals = new RunSweepRow
        {
            PartitionKey = runId,
            RowKey = SweepKey,
            Sweeps = (total?.Sweeps ?? 0) + 1,
            Redriven = (total?.Redriven ?? 0) + leads.Count,
            FanOutSteps = (total?.FanOutSteps ?? 0) + fanOutSteps,
        };
        var actions = new List<TableTransactionAction>
        {
            total is null ? new(TableTransactionActionType.Add, totals) : new(TableTransactionActionType.UpdateReplace, totals, total.ETag),
        };
        actions.AddRange(leads.Select(lead => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace, new RunSweepRow { PartitionKey = runId, RowKey = RedriveKey(lead.LeadId), Redriven = lead.Times, FirstAt = lead.FirstAt })));
        var chunks = actions.Chunk(MaxBatch).ToList();
        try
        {
            await table.SubmitTransactionAsync(chunks[0], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }

        foreach (var chunk in chunks.Skip(1)) await table.SubmitTransactionAsync(chunk, cancellationToken);
        return true;
    }

    /// <summary>Removes the fan-out cursors of uploads a failed start gave back: the run never fans them out, nor does the sweeper.</summary>
    public async Task DropFanOutsAsync(string runId, IEnumerable<string> uploadIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in uploadIds.Chunk(MaxBatch))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(uploadId => new TableTransactionAction(TableTransactionActionType.Delete, new FanOutRow { PartitionKey = runId, RowKey = FanOutKey(uploadId) }, ETag.All)),
                cancellationToken);
        }
    }

    private async Task<IReadOnlySet<string>> ListLeadKeysAsync(string runId, string prefix, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {runId} and RowKey ge {prefix} and RowKey lt {end}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: [nameof(ITableEntity.RowKey)], cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey[prefix.Length..]);
        }

        return ids;
    }

    /// <summary>Leads of the run wait for Gemini's daily quota until this time (<c>Gemini:WhenQuotaSpent = wait</c>).</summary>
    public async Task MarkWaitingForQuotaAsync(string runId, DateTimeOffset until, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(new QuotaWaitRow { PartitionKey = runId, RowKey = QuotaWaitKey, Until = until }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Until when the run's leads waited (or wait) for Gemini's daily quota; null when they never did.</summary>
    public async Task<DateTimeOffset?> GetQuotaWaitAsync(string runId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<QuotaWaitRow>(runId, QuotaWaitKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.Until : null;
    }

    private async Task<Counters> SumCountersAsync(string runId, CancellationToken cancellationToken)
    {
        var sum = new Counters(0, 0, null, new Dictionary<string, long>());
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {runId} and RowKey ge {"counter|"} and RowKey lt {"counter}"}");
        await foreach (var shard in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var last = shard.GetDateTimeOffset("LastCountedAt");
            var ai = new Dictionary<string, long>(sum.Ai);
            foreach (var (name, value) in AiCountersOf(shard)) ai[name] = ai.GetValueOrDefault(name) + value;
            sum = new Counters(
                sum.Scored + (shard.GetInt32("Scored") ?? 0),
                sum.Failed + (shard.GetInt32("Failed") ?? 0),
                last > sum.LastCountedAt || sum.LastCountedAt is null ? last : sum.LastCountedAt,
                ai);
        }

        return sum;
    }

    private async Task<CounterShard> ReadShardAsync(string runId, string key, CancellationToken cancellationToken)
    {
        var shard = (await table.GetEntityAsync<TableEntity>(runId, key, cancellationToken: cancellationToken)).Value;
        return new CounterShard(key, shard.ETag, shard.GetInt32("Scored") ?? 0, shard.GetInt32("Failed") ?? 0) { Ai = AiCountersOf(shard) };
    }

    private static Dictionary<string, long> AiCountersOf(TableEntity shard) =>
        RunAiFigures.CounterNames.Where(shard.ContainsKey).ToDictionary(name => name, name => shard.GetInt64(name) ?? 0);

    private Channel<CounterShard> ShardPoolFor(string runId) =>
        cache.GetOrCreate("run-shards:" + runId, entry =>
        {
            entry.SlidingExpiration = CacheFor;
            var pool = Channel.CreateBounded<CounterShard>(Shards);
            for (var shard = 0; shard < Shards; shard++) pool.Writer.TryWrite(CounterShard.Unknown(CounterKey(shard)));
            return pool;
        })!;

    private static string ExistsCacheKey(string runId) => "run:" + runId;

    /// <summary>A counter shard as this process last wrote or read it; no ETag means its state is unknown.</summary>
    private sealed record CounterShard(string Key, ETag ETag, int Scored, int Failed)
    {
        /// <summary>The shard's AI counters (<see cref="RunAiFigures.CounterNames"/>); absent ones are 0.</summary>
        public IReadOnlyDictionary<string, long> Ai { get; init; } = new Dictionary<string, long>();

        public static CounterShard Unknown(string key) => new(key, default, 0, 0);

        public CounterShard Plus(IReadOnlyList<(string Name, long Value)> counts)
        {
            if (counts.Count == 0) return this;
            var ai = new Dictionary<string, long>(Ai);
            foreach (var (name, value) in counts) ai[name] = ai.GetValueOrDefault(name) + value;
            return this with { Ai = ai };
        }
    }

    private sealed record Counters(int Scored, int Failed, DateTimeOffset? LastCountedAt, IReadOnlyDictionary<string, long> Ai);

    private static string CounterKey(int shard) => "counter|" + shard.ToString("D2", CultureInfo.InvariantCulture);

    private static string FanOutKey(string uploadId) => "fanout|" + uploadId;

    private static string MarkerKey(string leadId) => "lead|" + leadId;

    private static string FailureKey(string leadId) => "failure|" + leadId;

    private static string AttemptKey(string leadId) => "attempt|" + leadId;

    private static string RedriveKey(string leadId) => "redrive|" + leadId;
}
