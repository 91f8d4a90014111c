using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Rules;
using LeadScoring.Scoring.Scores;
using LeadScoring.Scoring.Storage.Rows;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Table <c>results</c>: partition = offer id. Per person two rows: "person|{personId}" points at the current score
/// row, and "score|{100-score:D3}|{leadId}" (the version scored) holds the whole result. A partition range query is
/// therefore already sorted best first, an intent or min_score is a row-key range, and a rescore replaces both rows
/// (and deletes the old score row) in one entity-group transaction: atomic, and a redelivered message leaves exactly
/// one result. A result with a likelihood (the offer has an adopted model) has a third row, a copy of the score row
/// keyed "likely|{10000-likelihood×10000:D5}|{leadId}", so results also read best likelihood first; it is written and
/// replaced in the same transaction. A person re-uploaded is one result: upload ids and run ids sort by creation time, so the pointer's lead id (which starts
/// with its upload id) and run id tell whether a result is older than the stored one, by fields first, then by run.
/// </summary>
public sealed class ResultTable(TableServiceClient service, ConflictRetry conflicts)
{
    private readonly TableClient table = service.GetTableClient(StorageNames.Results);

    /// <summary>
    /// Writes the lead's result in a transaction shared with the other results of the offer that this process writes
    /// at the same time (<see cref="GroupCommit{TItem}"/>), and returns once it committed: a first score adds the
    /// pointer and writes the score row; a rescore swaps both under the pointer's ETag (<see cref="CommitFirstScoresAsync"/>).
    /// </summary>
    public Task UpsertAsync(string offerId, LeadResult result, CancellationToken cancellationToken)
    {
        LazyInitializer.EnsureInitialized(ref writes, () => new GroupCommit<PendingResult>(CommitFirstScoresAsync, MaxResultsPerTransaction, MaxTransactionWeight));
        var pending = new PendingResult(offerId, result);
        writes.Submit(offerId, pending);
        return pending.Written.Task.WaitAsync(cancellationToken);
    }

    // Three rows a result at most (pointer, score, likelihood copy) in the service's 100 actions; well inside its 4 MiB.
    private const int MaxResultsPerTransaction = 33;
    private const int MaxTransactionWeight = 3 * 1024 * 1024;

    private GroupCommit<PendingResult>? writes;

    /// <summary>
    /// The results as first scores, in one transaction. When a person has a result already the transaction is refused
    /// (409, nothing written): then every pointer is read, results older than the stored one are dropped (a late
    /// redelivery), and first scores and rescores (the pointer swapped under its ETag) go together in transactions of
    /// up to 100 actions. A transaction that loses a race sends its results the single way (<see cref="ReplaceAsync"/>).
    /// </summary>
    private async Task CommitFirstScoresAsync(string offerId, IReadOnlyList<PendingResult> batch, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(batch.SelectMany(result => result.FirstScoreActions()), cancellationToken);
            foreach (var result in batch) result.Written.TrySetResult();
            return;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Someone here was scored before: read their pointers below.
        }
        catch (RequestFailedException e) when (e.Status is 400 or 413)
        {
            // One result the service refuses (a row too large, a value it rejects) must not fail the others with it.
            await WriteEachAsync(batch, cancellationToken);
            return;
        }

        var writes = await Task.WhenAll(batch.Select(async result =>
        {
            var current = await table.GetEntityIfExistsAsync<ResultPointerRow>(offerId, result.Pointer.RowKey, cancellationToken: cancellationToken);
            return (Result: result, Actions: current.HasValue ? SwapActions(result, current.Value!) : [.. result.FirstScoreActions()]);
        }));

        var single = new List<PendingResult>();
        foreach (var group in InTransactions(writes))
        {
            try
            {
                var actions = group.SelectMany(write => write.Actions).ToList();
                if (actions.Count > 0) await table.SubmitTransactionAsync(actions, cancellationToken);
                foreach (var (result, _) in group) result.Written.TrySetResult();
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
            {
                single.AddRange(group.Select(write => write.Result));
            }
        }

        await WriteEachAsync(single, cancellationToken);
    }

    /// <summary>Each result on its own (<see cref="ReplaceAsync"/>), each settled with its own outcome.</summary>
    private Task WriteEachAsync(IEnumerable<PendingResult> results, CancellationToken cancellationToken) =>
        Task.WhenAll(results.Select(async result =>
        {
            try
            {
                await conflicts.ExecuteAsync(token => ReplaceAsync(result, token), cancellationToken);
                result.Written.TrySetResult();
            }
            catch (Exception e)
            {
                result.Written.TrySetException(e);
            }
        }));

    /// <summary>The writes grouped so no transaction has more than 100 actions.</summary>
    private static IEnumerable<List<(PendingResult Result, List<TableTransactionAction> Actions)>> InTransactions(
        IEnumerable<(PendingResult Result, List<TableTransactionAction> Actions)> writes)
    {
        var (group, actions) = (new List<(PendingResult, List<TableTransactionAction>)>(), 0);
        foreach (var write in writes)
        {
            if (actions + write.Actions.Count > 100)
            {
                yield return group;
                (group, actions) = ([], 0);
            }

            group.Add(write);
            actions += write.Actions.Count;
        }

        if (group.Count > 0) yield return group;
    }

    /// <summary>
    /// A rescore: the pointer replaced under its ETag, the old rows deleted and the new written; nothing when the
    /// stored result is from a newer run (a late redelivery), so the newer score stays.
    /// </summary>
    private static List<TableTransactionAction> SwapActions(PendingResult pending, ResultPointerRow current)
    {
        if (IsNewer(current, pending.Result)) return [];
        var (scoreRow, likelyRow) = (pending.ScoreRow, pending.LikelyRow);
        var actions = new List<TableTransactionAction>(5) { new(TableTransactionActionType.UpdateReplace, pending.Pointer, current.ETag) };
        foreach (var oldKey in new[] { current.ScoreKey, current.LikelyKey })
        {
            if (oldKey is null || oldKey == scoreRow.RowKey || oldKey == likelyRow?.RowKey) continue;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new ResultRow { PartitionKey = pending.OfferId, RowKey = oldKey }, ETag.All));
        }

        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, scoreRow));
        if (likelyRow is not null) actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, likelyRow));
        return actions;
    }

    /// <summary>
    /// Writes a result whether or not the person has one: a first score as one transaction; a rescore reads the
    /// pointer and swaps both rows under its ETag. A result from an older run than the stored one (a late
    /// redelivery) is not written: the newer score stays.
    /// </summary>
    private async ValueTask ReplaceAsync(PendingResult pending, CancellationToken token)
    {
        try
        {
            await table.SubmitTransactionAsync(pending.FirstScoreActions(), token);
            return;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // The person has a result already: replace it below.
        }

        var current = (await table.GetEntityAsync<ResultPointerRow>(pending.OfferId, pending.Pointer.RowKey, cancellationToken: token)).Value;
        if (SwapActions(pending, current) is { Count: > 0 } swap) await table.SubmitTransactionAsync(swap, token);
    }

    /// <summary>A result waiting for its offer's next transaction, with its rows; settled once they are stored.</summary>
    private sealed class PendingResult : IGroupCommitItem
    {
        public PendingResult(string offerId, LeadResult result)
        {
            (OfferId, Result) = (offerId, result);
            ScoreRow = ToRow(offerId, result);
            LikelyRow = result.Likelihood is { } likelihood ? ToRow(offerId, result, LikelyKey(likelihood.Value, result.Scored.Lead.Id)) : null;
            Pointer = new ResultPointerRow
            {
                PartitionKey = offerId,
                RowKey = PointerKey(PersonOf(result.Scored.Lead)),
                ScoreKey = ScoreRow.RowKey,
                LikelyKey = LikelyRow?.RowKey,
                Score = result.Scored.Score.Score,
                RunId = result.RunId,
                LeadId = result.Scored.Lead.Id,
            };
            // The lead's text in each row at six bytes a character (the SDK's JSON writes a non-ASCII character as \uXXXX),
            // plus the rest of the columns.
            var rows = LikelyRow is null ? 2 : 3;
            Weight = rows * (2048 + 6 * (LeadFields.All.Sum(field => field.Of(result.Scored.Lead).Length) + result.Scored.Score.Reasoning.Length));
        }

        public string OfferId { get; }

        public LeadResult Result { get; }

        public ResultRow ScoreRow { get; }

        public ResultRow? LikelyRow { get; }

        public ResultPointerRow Pointer { get; }

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Key => Pointer.RowKey;

        public int Weight { get; }

        public void Fail(Exception exception) => Written.TrySetException(exception);

        public IEnumerable<TableTransactionAction> FirstScoreActions()
        {
            yield return new(TableTransactionActionType.Add, Pointer);
            yield return new(TableTransactionActionType.UpsertReplace, ScoreRow);
            if (LikelyRow is not null) yield return new(TableTransactionActionType.UpsertReplace, LikelyRow);
        }
    }

    /// <summary>The person's current result for the offer (<see cref="PersonOf"/>), or null.</summary>
    public async Task<LeadResult?> GetAsync(string offerId, string personId, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(offerId) || !TableKey.IsValidId(personId)) return null;
        var pointer = await table.GetEntityIfExistsAsync<ResultPointerRow>(offerId, PointerKey(personId), cancellationToken: cancellationToken);
        if (!pointer.HasValue || pointer.Value!.ScoreKey is not { } scoreKey) return null;
        var row = await table.GetEntityIfExistsAsync<ResultRow>(offerId, scoreKey, cancellationToken: cancellationToken);
        return row.HasValue ? ToResult(row.Value!) : null;
    }

    /// <summary>Every result in the range, best score first, streamed page by page.</summary>
    public async IAsyncEnumerable<LeadResult> QueryAsync(
        string offerId, ResultFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<ResultRow>(Filter(offerId, filter), cancellationToken: cancellationToken))
        {
            yield return ToResult(row);
        }
    }

    /// <summary>One page of at most <paramref name="limit"/> results; the service may return fewer.</summary>
    public async Task<ResultPage> GetPageAsync(
        string offerId, ResultFilter filter, int limit, ResultContinuation? continuation, CancellationToken cancellationToken)
    {
        var pages = table.QueryAsync<ResultRow>(Filter(offerId, filter), limit, cancellationToken: cancellationToken)
            .AsPages(continuation?.StorageToken, limit);
        await foreach (var page in pages)
        {
            // The service can answer with an empty page and a token (e.g. at a time limit): read on until rows come.
            if (page.Values.Count == 0 && page.ContinuationToken is not null) continue;
            var next = page.ContinuationToken is { } token ? new ResultContinuation(offerId, token) { Order = filter.Order } : null;
            return new ResultPage(page.Values.Select(ToResult).ToList(), next);
        }

        return new ResultPage([], null);
    }

    /// <summary>
    /// Removes the offer's results scored from an upload's leads: the pointers whose lead id starts with the upload id,
    /// found by one query over the offer's pointer rows (a key range, filtered by lead id), and their score rows.
    /// A person whose result came from another upload keeps it. Returns how many results went.
    /// </summary>
    public async Task<int> DeleteUploadAsync(string offerId, string uploadId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {offerId} and RowKey ge {PointerKey("")} and RowKey lt {"person}"} and LeadId ge {uploadId + "-"} and LeadId lt {uploadId + "."}");
        var deleted = 0;
        var batch = new List<TableTransactionAction>(100);
        await foreach (var pointer in table.QueryAsync<ResultPointerRow>(filter, cancellationToken: cancellationToken))
        {
            batch.Add(new(TableTransactionActionType.Delete, pointer, ETag.All));
            if (pointer.ScoreKey is { } scoreKey) batch.Add(new(TableTransactionActionType.Delete, new ResultRow { PartitionKey = offerId, RowKey = scoreKey }, ETag.All));
            if (pointer.LikelyKey is { } likelyKey) batch.Add(new(TableTransactionActionType.Delete, new ResultRow { PartitionKey = offerId, RowKey = likelyKey }, ETag.All));
            deleted++;
            if (batch.Count >= 98)
            {
                await DeleteAllAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0) await DeleteAllAsync(batch, cancellationToken);
        return deleted;
    }

    /// <summary>The key a lead's results are stored under: its person's id, so every version of a person is one result.</summary>
    public static string PersonOf(Lead lead) => lead.PersonId.Length > 0 ? lead.PersonId : PersonIdentity.PersonIdBefore(lead);

    /// <summary>Whether the stored result comes from a newer version of the person's fields, or from a later run of the same.</summary>
    private static bool IsNewer(ResultPointerRow current, LeadResult result)
    {
        var byUpload = string.CompareOrdinal(UploadOf(current.LeadId), UploadOf(result.Scored.Lead.Id));
        return byUpload != 0 ? byUpload > 0 : string.CompareOrdinal(current.RunId, result.RunId) > 0;
    }

    private static string UploadOf(string? leadId) => LeadTable.TryParseLeadId(leadId, out var uploadId, out _) ? uploadId : "";

    private async Task DeleteAllAsync(List<TableTransactionAction> deletes, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(deletes, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // A row went meanwhile (a rescore replaced a score row): delete the rest one by one.
            foreach (var delete in deletes)
            {
                try
                {
                    await table.DeleteEntityAsync(delete.Entity.PartitionKey, delete.Entity.RowKey, ETag.All, cancellationToken);
                }
                catch (RequestFailedException gone) when (gone.Status == 404)
                {
                }
            }
        }
    }

    private static string PointerKey(string personId) => "person|" + personId;

    // By the scored lead, not the person: rows of one score band then sort in upload order, which reads faster than
    // hash order (bench/findings.md).
    private static string ScoreKey(int score, string leadId) => "score|" + Inverted(score) + "|" + leadId;

    private static string Inverted(int score) => (100 - Math.Clamp(score, 0, 100)).ToString("D3", CultureInfo.InvariantCulture);

    // Ten thousand steps: a likelihood is stored to four places.
    private static string LikelyKey(double likelihood, string leadId) =>
        "likely|" + (10_000 - (int)Math.Round(Math.Clamp(likelihood, 0, 1) * 10_000)).ToString("D5", CultureInfo.InvariantCulture) + "|" + leadId;

    private static string Filter(string offerId, ResultFilter filter)
    {
        if (filter.Order == ResultOrder.Likelihood)
        {
            // The likelihood copies, best first; a score range is a filter on their Score, not a key range.
            return filter.MinScore <= 0 && filter.MaxScore >= 100
                ? TableClient.CreateQueryFilter($"PartitionKey eq {offerId} and RowKey ge {"likely|"} and RowKey lt {"likely}"}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {offerId} and RowKey ge {"likely|"} and RowKey lt {"likely}"} and Score ge {filter.MinScore} and Score le {filter.MaxScore}");
        }

        var from = "score|" + Inverted(filter.MaxScore) + "|";
        // Exclusive upper bound at the next inverted value, so every lead of the lowest allowed score is included.
        var to = "score|" + (100 - Math.Clamp(filter.MinScore, 0, 100) + 1).ToString("D3", CultureInfo.InvariantCulture) + "|";
        return TableClient.CreateQueryFilter($"PartitionKey eq {offerId} and RowKey ge {from} and RowKey lt {to}");
    }

    private static ResultRow ToRow(string offerId, LeadResult result, string? rowKey = null)
    {
        var (lead, score) = (result.Scored.Lead, result.Scored.Score);
        var breakdown = score.Breakdown;
        var row = new ResultRow
        {
            PartitionKey = offerId,
            RowKey = rowKey ?? ScoreKey(score.Score, lead.Id),
            LeadId = lead.Id,
            Score = score.Score,
            Intent = score.Intent.ToString(),
            Reasoning = score.Reasoning,
            RolePoints = breakdown.RolePoints,
            RoleKeyword = breakdown.RoleKeyword,
            IndustryPoints = breakdown.IndustryPoints,
            IndustryKeyword = breakdown.IndustryKeyword,
            CompletenessPoints = breakdown.CompletenessPoints,
            MissingFields = JsonSerializer.Serialize(breakdown.MissingFields, StorageJsonContext.Default.IReadOnlyListString),
            AiPoints = breakdown.AiPoints,
            AiIntent = breakdown.AiIntent.ToString(),
            AiConfidence = breakdown.AiConfidence,
            AiSource = breakdown.AiSource.ToString(),
            FallbackReason = breakdown.FallbackReason?.ToString(),
            TitleSeniority = breakdown.TitleSeniority == TitleSeniority.Unknown ? null : breakdown.TitleSeniority.WireName(),
            TitleDepartment = breakdown.TitleDepartment == Department.Unknown ? null : breakdown.TitleDepartment.WireName(),
            IndustryCategory = breakdown.IndustryCategory,
            ConversionLikelihood = result.Likelihood?.Value,
            ModelVersion = result.Likelihood?.ModelVersion,
            RunId = result.RunId,
            ScoredAt = result.ScoredAt,
        };
        row.SetLead(lead);
        return row;
    }

    private static LeadResult ToResult(ResultRow row)
    {
        var breakdown = new ScoreBreakdown(
            row.RolePoints,
            row.RoleKeyword,
            row.IndustryPoints,
            row.IndustryKeyword,
            row.CompletenessPoints,
            row.MissingFields is { } missing
                ? JsonSerializer.Deserialize(missing, StorageJsonContext.Default.IReadOnlyListString) ?? []
                : [],
            row.AiPoints,
            Enum.TryParse<Intent>(row.AiIntent, out var aiIntent) ? aiIntent : Intent.Low,
            row.AiConfidence,
            Enum.TryParse<IntentSource>(row.AiSource, out var source) ? source : IntentSource.Fallback,
            Enum.TryParse<FallbackReason>(row.FallbackReason, out var reason) ? reason : null)
        {
            TitleSeniority = ReadingWireNames.ParseSeniority(row.TitleSeniority),
            TitleDepartment = ReadingWireNames.ParseDepartment(row.TitleDepartment),
            IndustryCategory = row.IndustryCategory,
        };
        var score = new LeadScore(
            row.Score,
            Enum.TryParse<Intent>(row.Intent, out var intent) ? intent : Intent.Low,
            row.Reasoning ?? "",
            breakdown);
        return new LeadResult(new ScoredLead(row.ToLead(row.LeadId ?? ""), score), row.RunId ?? "", row.ScoredAt ?? DateTimeOffset.MinValue)
        {
            Likelihood = row.ConversionLikelihood is { } likelihood ? new ConversionLikelihood(likelihood, row.ModelVersion ?? "") : null,
        };
    }
}
