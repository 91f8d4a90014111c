using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LeadScoring.Bench.Leads;
using LeadScoring.Bench.Machine;

namespace LeadScoring.Bench.Storage;

/// <summary>
/// The storage limit of this machine: bare Azure SDK loops doing the service's storage work with no service logic,
/// against the same Azurite the host uses, on tables and a queue of their own (dropped afterwards).
/// </summary>
/// <remarks>
/// Parallelism matches the service's: 8 transactions in flight (the importer), 16 sends at once (the planner), and
/// the queue trigger's batch size for concurrent upserts. Every phase writes entities shaped like the service's.
/// </remarks>
internal sealed class RawStorageBench(string connectionString, IReadOnlyList<int> azuritePids)
{
    private const string LeadPartition = "rawupload";
    private const string ResultPartition = "rawoffer";
    private const int BatchSize = 100;
    private const int TransactionsInFlight = 8;
    private const int Parallel = 16;
    private const int ReceiveBatch = 32;
    private const int Receivers = 2;

    private readonly TableServiceClient tables = new(connectionString);
    private readonly QueueServiceClient queues = new(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Inserts and queries <paramref name="entities"/> rows; the per-message phases use <paramref name="messages"/>.</summary>
    public async Task<RawStorageRates> RunAsync(int entities, int messages, CancellationToken cancellationToken)
    {
        var suffix = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var leads = tables.GetTableClient("rawleads" + suffix);
        var results = tables.GetTableClient("rawresults" + suffix);
        var queue = queues.GetQueueClient("raw-score-" + suffix);
        await leads.CreateIfNotExistsAsync(cancellationToken);
        await results.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        try
        {
            var rows = new LeadGenerator().Leads(entities).Select((fields, i) => LeadEntity(i + 1, fields)).ToList();
            var insert = await MeasureAsync("raw: table batch insert (100)", entities, () => InsertAsync(leads, rows, cancellationToken));
            var query = await MeasureAsync("raw: table query", entities, () => QueryAsync(leads, entities, cancellationToken));
            if (messages == 0) return new RawStorageRates(insert, query, null, null, null, null);
            var read = await MeasureAsync("raw: point read", messages, () => ReadAsync(leads, messages, cancellationToken));
            var send = await MeasureAsync("raw: queue send", messages, () => SendAsync(queue, messages, cancellationToken));
            var receive = await MeasureAsync("raw: receive 32 + delete", messages, () => ReceiveAndDeleteAsync(queue, messages, cancellationToken));
            var upsert = await MeasureAsync("raw: result upsert", messages, () => UpsertAsync(results, rows, messages, cancellationToken));
            return new RawStorageRates(insert, query, read, send, receive, upsert);
        }
        finally
        {
            // Azurite keeps everything in memory: give it back before the service's run.
            await leads.DeleteAsync(CancellationToken.None);
            await results.DeleteAsync(CancellationToken.None);
            await queue.DeleteIfExistsAsync(CancellationToken.None);
        }
    }

    private async Task<RawPhase> MeasureAsync(string name, int operations, Func<Task> phase)
    {
        await using var meter = PhaseMeter.Start(name, hostPid: null, azuritePids);
        await phase();
        return new RawPhase(await meter.StopAsync(), operations);
    }

    private static async Task InsertAsync(TableClient table, List<TableEntity> rows, CancellationToken cancellationToken) =>
        await System.Threading.Tasks.Parallel.ForEachAsync(
            rows.Chunk(BatchSize),
            new ParallelOptions { MaxDegreeOfParallelism = TransactionsInFlight, CancellationToken = cancellationToken },
            async (batch, token) => await table.SubmitTransactionAsync(
                batch.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)), token));

    private static async Task QueryAsync(TableClient table, int expected, CancellationToken cancellationToken)
    {
        var count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LeadPartition}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) count++;
        if (count != expected) throw new InvalidOperationException($"The raw query read {count} entities, expected {expected}.");
    }

    private static async Task ReadAsync(TableClient table, int count, CancellationToken cancellationToken) =>
        await System.Threading.Tasks.Parallel.ForEachAsync(
            Enumerable.Range(1, count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (line, token) => await table.GetEntityAsync<TableEntity>(LeadPartition, LineKey(line), cancellationToken: token));

    private static async Task SendAsync(QueueClient queue, int count, CancellationToken cancellationToken) =>
        await System.Threading.Tasks.Parallel.ForEachAsync(
            Enumerable.Range(1, count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (line, token) => await queue.SendMessageAsync(
                $$"""{"run_id":"20261124120000000-abc123","offer_id":"20261124115900000-def456","lead_id":"{{LeadPartition}}-{{LineKey(line)}}"}""",
                token));

    private static async Task ReceiveAndDeleteAsync(QueueClient queue, int count, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var empty = 0;
        await Task.WhenAll(Enumerable.Range(0, Receivers).Select(async _ =>
        {
            while (Volatile.Read(ref deleted) < count && Volatile.Read(ref empty) < 20)
            {
                var received = (await queue.ReceiveMessagesAsync(ReceiveBatch, TimeSpan.FromMinutes(5), cancellationToken)).Value;
                if (received.Length == 0)
                {
                    Interlocked.Increment(ref empty);
                    continue;
                }

                await Task.WhenAll(received.Select(message => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken)));
                Interlocked.Add(ref deleted, received.Length);
            }
        }));
        if (deleted != count) throw new InvalidOperationException($"The raw receive loop deleted {deleted} messages, expected {count}.");
    }

    private static async Task UpsertAsync(TableClient table, List<TableEntity> leads, int count, CancellationToken cancellationToken) =>
        await System.Threading.Tasks.Parallel.ForEachAsync(
            leads.Take(count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (lead, token) => await table.UpsertEntityAsync(ResultEntity(lead), TableUpdateMode.Replace, token));

    private static TableEntity LeadEntity(int line, string[] fields) => new(LeadPartition, LineKey(line))
    {
        ["Name"] = fields[0],
        ["Role"] = fields[1],
        ["Company"] = fields[2],
        ["Industry"] = fields[3],
        ["Location"] = fields[4],
        ["LinkedinBio"] = fields[5],
        ["Email"] = fields[6],
    };

    // The columns of the service's result row: the lead, the score and its breakdown.
    private static TableEntity ResultEntity(TableEntity lead)
    {
        var result = new TableEntity(ResultPartition, "score|045|" + LeadPartition + "-" + lead.RowKey)
        {
            ["LeadId"] = LeadPartition + "-" + lead.RowKey,
            ["Score"] = 55,
            ["Intent"] = "Medium",
            ["Reasoning"] = "Role: senior (head) +15; industry: target (saas) +20; completeness +10; AI (fallback): medium +25.",
            ["RolePoints"] = 15,
            ["RoleKeyword"] = "head",
            ["IndustryPoints"] = 20,
            ["IndustryKeyword"] = "saas",
            ["CompletenessPoints"] = 10,
            ["MissingFields"] = "[]",
            ["AiPoints"] = 25,
            ["AiIntent"] = "Medium",
            ["AiConfidence"] = 0.7,
            ["AiSource"] = "Fallback",
            ["FallbackReason"] = "AiNotConfigured",
            ["RunId"] = "20261124120000000-abc123",
            ["ScoredAt"] = DateTimeOffset.UnixEpoch,
        };
        foreach (var column in new[] { "Name", "Role", "Company", "Industry", "Location", "LinkedinBio" }) result[column] = lead[column];
        return result;
    }

    private static string LineKey(int line) => line.ToString("D8", CultureInfo.InvariantCulture);
}

/// <summary>One raw phase: its measurement and how many operations (entities or messages) it did.</summary>
internal sealed record RawPhase(PhaseMeasurement Measurement, int Operations)
{
    public double PerSecond => Operations / Measurement.Elapsed.TotalSeconds;
}

/// <summary>The raw limits of one Azurite, and the per-lead round trip they allow.</summary>
/// <remarks>The per-message phases are null when they were skipped (an upload-only size).</remarks>
internal sealed record RawStorageRates(RawPhase BatchInsert, RawPhase Query, RawPhase? PointRead, RawPhase? Send, RawPhase? ReceiveDelete, RawPhase? Upsert)
{
    /// <summary>
    /// Leads per second if storage did only what scoring one lead needs at the least: send its message, receive and
    /// delete it, upsert its result. Azurite serves one request at a time, so the costs add: 1 / (1/send + 1/receive + 1/upsert).
    /// </summary>
    public double RoundTripPerSecond => Send is null || ReceiveDelete is null || Upsert is null
        ? double.NaN
        : 1 / (1 / Send.PerSecond + 1 / ReceiveDelete.PerSecond + 1 / Upsert.PerSecond);

    public IEnumerable<RawPhase?> Phases => [BatchInsert, Query, PointRead, Send, ReceiveDelete, Upsert];
}
