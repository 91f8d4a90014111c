using Azure;
using Azure.Data.Tables;
using LeadScoring.Scoring.Storage.Rows;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Table <c>sweeps</c>: the work the sweeper watches for stalls. Partition "run": a row per run that may not be done;
/// partition "import": a row per background import that may not be done. A row is added when the work starts and
/// removed by the sweeper once it finds the work done, so a sweep with nothing running is one query.
/// <see cref="Watched.SweptAt"/> is written under the row's ETag: of two sweepers that see the same stall, one acts.
/// </summary>
public sealed class SweepTable(TableServiceClient service, TimeProvider clock)
{
    public const string Run = "run";
    public const string Import = "import";
    private readonly TableClient table = service.GetTableClient(StorageNames.Sweeps);

    public async Task WatchAsync(string kind, string id, string? offerId, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(
            new WatchRow { PartitionKey = kind, RowKey = id, OfferId = offerId, Since = clock.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Everything watched, runs and imports, in one query.</summary>
    public async Task<IReadOnlyList<Watched>> ListAsync(CancellationToken cancellationToken)
    {
        var watched = new List<Watched>();
        await foreach (var row in table.QueryAsync<WatchRow>(cancellationToken: cancellationToken))
        {
            watched.Add(new Watched(row.PartitionKey, row.RowKey, row.OfferId, row.Since ?? row.Timestamp ?? clock.GetUtcNow(), row.SweptAt, row.Part, row.Sweeps, row.ETag.ToString())
            {
                AliveAt = row.AliveAt,
                FirstSweptAt = row.FirstSweptAt,
            });
        }

        return watched;
    }

    /// <summary>
    /// Marks the work swept now (at <paramref name="part"/> for an import, counting the sweeps there). False when another
    /// sweeper changed or removed the row since it was listed: that one acts.
    /// </summary>
    public async Task<Watched?> ClaimAsync(Watched item, int part, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var samePart = part == item.Part && item.Sweeps > 0;
        var sweeps = samePart ? item.Sweeps + 1 : 1;
        var firstSweptAt = samePart ? item.FirstSweptAt ?? now : now;
        var row = new WatchRow
        {
            PartitionKey = item.Kind,
            RowKey = item.Id,
            OfferId = item.OfferId,
            Since = item.Since,
            AliveAt = item.AliveAt,
            SweptAt = now,
            Part = part,
            Sweeps = sweeps,
            FirstSweptAt = firstSweptAt,
        };
        try
        {
            var response = await table.UpdateEntityAsync(row, new ETag(item.Version), TableUpdateMode.Replace, cancellationToken);
            return item with { SweptAt = now, Part = part, Sweeps = sweeps, FirstSweptAt = firstSweptAt, Version = (response.Headers.ETag ?? ETag.All).ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Marks the work alive now (an instance works on it); nothing when it is no longer watched.</summary>
    public async Task TouchAsync(string kind, string id, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(new TableEntity(kind, id) { [nameof(WatchRow.AliveAt)] = clock.GetUtcNow() }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    /// <summary>Stops watching work that is done (or gone).</summary>
    public async Task ForgetAsync(Watched item, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(item.Kind, item.Id, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}

/// <summary>
/// A run or import the sweeper watches: since when, when it last swept it (for an import: at which part, how often
/// there), when an instance last said it works on it, and the row's version, which a claim is conditioned on (a
/// heartbeat changes it, so a claim fails on work that was just alive).
/// </summary>
public sealed record Watched(string Kind, string Id, string? OfferId, DateTimeOffset Since, DateTimeOffset? SweptAt, int Part, int Sweeps, string Version)
{
    public DateTimeOffset? AliveAt { get; init; }

    /// <summary>When it was first swept at <see cref="Part"/>.</summary>
    public DateTimeOffset? FirstSweptAt { get; init; }

    /// <summary>The latest of its start, its last sweep, its last heartbeat and its last progress: quiet since then.</summary>
    public DateTimeOffset QuietSince(DateTimeOffset? lastProgress) =>
        new[] { SweptAt, AliveAt, lastProgress }.OfType<DateTimeOffset>().Append(Since).Max();
}
