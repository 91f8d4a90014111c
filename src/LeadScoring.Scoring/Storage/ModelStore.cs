using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using LeadScoring.Scoring.Learning;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Blob container <c>models</c>, per offer: each adopted version's model file and card
/// (<c>{offerId}/{version}.zip</c>, <c>{offerId}/{version}.json</c>), the pointer to the version in use
/// (<c>{offerId}/current.json</c>), the card of the latest training whatever it decided (<c>{offerId}/latest.json</c>),
/// and the lease that keeps trainings of one offer apart (<c>{offerId}/training.lock</c>).
/// A version is written whole before the pointer moves to it, and the pointer is one blob written in one request, so a
/// reader never sees a half-written model; the version the pointer left stays until the next one is adopted.
/// </summary>
public sealed class ModelStore(BlobServiceClient service)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);

    // A run applies the version adopted when it started, for as long as it runs: versions go only when they are
    // neither the current nor the previous one, and older than a day.
    private static readonly TimeSpan KeepVersionsFor = TimeSpan.FromDays(1);
    private readonly BlobContainerClient container = service.GetBlobContainerClient(StorageNames.Models);

    /// <summary>
    /// Stores an adopted model and its card, then points the offer at it; the version before it stays, and so does any
    /// adopted within the last day (a long run may still apply it); older ones go.
    /// </summary>
    public async Task AdoptAsync(ModelCard card, byte[] model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var previous = await GetCurrentVersionAsync(card.OfferId, cancellationToken);
        await container.GetBlobClient(ModelName(card.OfferId, card.Version)).UploadAsync(BinaryData.FromBytes(model), overwrite: true, cancellationToken);
        await WriteCardAsync(CardName(card.OfferId, card.Version), card, cancellationToken);
        await container.GetBlobClient(CurrentName(card.OfferId)).UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(new ModelPointer(card.Version), StorageJsonContext.Default.ModelPointer)), overwrite: true, cancellationToken);
        // The latest card last: until it is written a retried training does not take itself for done.
        await WriteCardAsync(LatestName(card.OfferId), card, cancellationToken);
        await DeleteVersionsAsync(card.OfferId, keep: [card.Version, previous], card.TrainedAt - KeepVersionsFor, cancellationToken);
    }

    /// <summary>Records a training that kept no model (too few outcomes, or not better than the score): the model in use stays.</summary>
    public Task RecordAsync(ModelCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        return WriteCardAsync(LatestName(card.OfferId), card, cancellationToken);
    }

    /// <summary>The version the offer's scores use, or null when none was adopted.</summary>
    public async Task<string?> GetCurrentVersionAsync(string offerId, CancellationToken cancellationToken)
    {
        var pointer = await ReadAsync(CurrentName(offerId), cancellationToken);
        return pointer is null ? null : JsonSerializer.Deserialize(pointer, StorageJsonContext.Default.ModelPointer)?.Version;
    }

    /// <summary>The model file of a version, or null when it is not there.</summary>
    public async Task<byte[]?> GetModelAsync(string offerId, string version, CancellationToken cancellationToken) =>
        (await ReadAsync(ModelName(offerId, version), cancellationToken))?.ToArray();

    /// <summary>The card of the model in use, or null.</summary>
    public async Task<ModelCard?> GetCurrentCardAsync(string offerId, CancellationToken cancellationToken) =>
        await GetCurrentVersionAsync(offerId, cancellationToken) is { } version ? await ReadCardAsync(CardName(offerId, version), cancellationToken) : null;

    /// <summary>The card of the offer's latest training, or null when it was never trained.</summary>
    public Task<ModelCard?> GetLatestCardAsync(string offerId, CancellationToken cancellationToken) => ReadCardAsync(LatestName(offerId), cancellationToken);

    /// <summary>
    /// Takes the offer's training lease (60 s, renewed while held), or null when another training holds it. A crashed
    /// training's lease runs out by itself, so no offer waits on a dead instance for more than a minute.
    /// </summary>
    public async Task<TrainingLease?> TryLeaseAsync(string offerId, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(offerId + "/training.lock");
        try
        {
            await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // The lock blob exists (or is leased): take its lease below.
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
            return new TrainingLease(lease, LeaseDuration / 3);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    private async Task DeleteVersionsAsync(string offerId, IReadOnlyCollection<string?> keep, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = offerId + "/" }, cancellationToken))
        {
            var name = blob.Name[(offerId.Length + 1)..];
            var version = name.EndsWith(".zip", StringComparison.Ordinal) ? name[..^4] : name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : null;
            if (version is null or "current" or "latest" || keep.Contains(version) || blob.Properties.LastModified > olderThan) continue;
            await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private Task WriteCardAsync(string name, ModelCard card, CancellationToken cancellationToken) =>
        container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(card, StorageJsonContext.Default.ModelCard)), overwrite: true, cancellationToken);

    private async Task<ModelCard?> ReadCardAsync(string name, CancellationToken cancellationToken) =>
        await ReadAsync(name, cancellationToken) is { } content ? JsonSerializer.Deserialize(content, StorageJsonContext.Default.ModelCard) : null;

    private async Task<BinaryData?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static string ModelName(string offerId, string version) => $"{offerId}/{version}.zip";

    private static string CardName(string offerId, string version) => $"{offerId}/{version}.json";

    private static string CurrentName(string offerId) => offerId + "/current.json";

    private static string LatestName(string offerId) => offerId + "/latest.json";
}

/// <summary>The blob <c>{offerId}/current.json</c>: which version of the offer's model is in use.</summary>
public sealed record ModelPointer(string Version);

/// <summary>An offer's training lease, renewed in the background until it is disposed (released).</summary>
public sealed class TrainingLease : IAsyncDisposable
{
    private readonly BlobLeaseClient lease;
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;

    internal TrainingLease(BlobLeaseClient lease, TimeSpan renewEvery)
    {
        this.lease = lease;
        renewing = RenewAsync(renewEvery);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await renewing;
        try
        {
            await lease.ReleaseAsync();
        }
        catch (RequestFailedException)
        {
            // Lost or expired meanwhile: it runs out by itself.
        }

        stop.Dispose();
    }

    private async Task RenewAsync(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token)) await lease.RenewAsync(cancellationToken: stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or RequestFailedException)
        {
            // Stopped, or the lease is gone: a second training may start; the model pointer is still written whole.
        }
    }
}
