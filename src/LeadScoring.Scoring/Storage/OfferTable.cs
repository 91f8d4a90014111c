using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Storage.Rows;
using Microsoft.Extensions.Caching.Memory;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Table <c>offers</c>: one partition ("offer"); the row key is the offer id, built from inverted ticks so the
/// newest offer is the first row (the list is newest first and "latest" is a one-row query).
/// Offers never change once created, so reads are cached in memory.
/// </summary>
public sealed class OfferTable(TableServiceClient service, IMemoryCache cache, TimeProvider clock)
{
    private const string Partition = "offer";
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(30);
    private readonly TableClient table = service.GetTableClient(StorageNames.Offers);

    public async Task<Offer> AddAsync(OfferDraft draft, CancellationToken cancellationToken)
    {
        var createdAt = clock.GetUtcNow();
        var id = NewId(createdAt);
        var row = new OfferRow
        {
            PartitionKey = Partition,
            RowKey = id,
            Name = draft.Name,
            ValueProps = draft.ValueProps,
            IdealUseCases = draft.IdealUseCases,
            Keywords = JsonSerializer.Serialize(draft.Keywords, StorageJsonContext.Default.KeywordOverrides),
            ValuePropsList = ListJson(draft.ValuePropsList),
            IdealUseCasesList = ListJson(draft.IdealUseCasesList),
            CreatedAt = createdAt,
        };
        await table.AddEntityAsync(row, cancellationToken);
        return ToOffer(row);
    }

    /// <summary>The offer, or null when it does not exist or the id could not be a key.</summary>
    public async Task<Offer?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(id)) return null;
        if (cache.TryGetValue(CacheKey(id), out Offer? cached)) return cached;

        var response = await table.GetEntityIfExistsAsync<OfferRow>(Partition, id, cancellationToken: cancellationToken);
        return response.HasValue ? Remember(ToOffer(response.Value!)) : null;
    }

    public async Task<Offer?> GetLatestAsync(CancellationToken cancellationToken)
    {
        await foreach (var offer in ListAsync(1, cancellationToken))
        {
            return offer;
        }

        return null;
    }

    /// <summary>The named offer, or the latest one when <paramref name="id"/> is null.</summary>
    public async Task<OfferLookup> FindAsync(string? id, CancellationToken cancellationToken) =>
        id is null
            ? new OfferLookup(await GetLatestAsync(cancellationToken), null)
            : new OfferLookup(await GetAsync(id, cancellationToken), id);

    /// <summary>All offers, newest first.</summary>
    public IAsyncEnumerable<Offer> ListAsync(CancellationToken cancellationToken) => ListAsync(null, cancellationToken);

    private async IAsyncEnumerable<Offer> ListAsync(int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var row in table.QueryAsync<OfferRow>(filter, pageSize, cancellationToken: cancellationToken))
        {
            yield return Remember(ToOffer(row));
        }
    }

    private Offer Remember(Offer offer) => cache.Set(CacheKey(offer.Id), offer, CacheFor);

    private static string CacheKey(string id) => "offer:" + id;

    /// <summary>Inverted ticks sort newest first; the random suffix keeps two offers created in one tick apart.</summary>
    private static string NewId(DateTimeOffset createdAt) =>
        (DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + "-" + RandomNumberGenerator.GetHexString(6, lowercase: true);

    private static Offer ToOffer(OfferRow row) => new(
        row.RowKey,
        row.Name ?? "",
        row.ValueProps ?? "",
        row.IdealUseCases ?? "",
        row.Keywords is { } json
            ? JsonSerializer.Deserialize(json, StorageJsonContext.Default.KeywordOverrides) ?? KeywordOverrides.None
            : KeywordOverrides.None,
        row.CreatedAt ?? row.Timestamp ?? DateTimeOffset.MinValue)
    {
        ValuePropsList = List(row.ValuePropsList),
        IdealUseCasesList = List(row.IdealUseCasesList),
    };

    private static string? ListJson(IReadOnlyList<string>? list) =>
        list is null ? null : JsonSerializer.Serialize(list, StorageJsonContext.Default.IReadOnlyListString);

    private static IReadOnlyList<string>? List(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, StorageJsonContext.Default.IReadOnlyListString);
}
