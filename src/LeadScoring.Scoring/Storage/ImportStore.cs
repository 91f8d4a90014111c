using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Blob container <c>imports</c>: a file imported in the background, staged as the upload read it. Its accepted rows
/// in parts (<c>{uploadId}/part-00000.json.gz</c>, a gzipped JSON array of <see cref="StagedLead"/>, one import step
/// each; written and read as streams) and what
/// the read found (<c>{uploadId}/findings.json</c>: the rejected, warning, repeated and possibly repeated rows and what
/// the file lacks, for <c>GET /uploads/{id}</c>; an inline upload with findings keeps them here too), and the name keys
/// several rows share (<c>{uploadId}/shared-names.json</c>). The parts go when the import ends; the findings go with the upload.
/// </summary>
public sealed class ImportStore(BlobServiceClient service)
{
    private readonly BlobContainerClient container = service.GetBlobContainerClient(StorageNames.Imports);

    /// <summary>
    /// Opens part <paramref name="part"/> for writing, row by row: rows are serialised into a small buffer that goes
    /// to the blob as it fills, so staging holds no part in memory, whatever its size.
    /// </summary>
    public async Task<StagedPartWriter> CreatePartAsync(string uploadId, int part, CancellationToken cancellationToken) =>
        new(await container.GetBlobClient(PartName(uploadId, part)).OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken));

    /// <summary>
    /// A part's rows, streamed: read and deserialised a buffer at a time. Throws <see cref="StagedPartMissingException"/>
    /// when the part is not there (the upload was cleaned up, or it was never staged).
    /// </summary>
    public async IAsyncEnumerable<StagedLead> ReadPartAsync(string uploadId, int part, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Response<BlobDownloadStreamingResult> download;
        try
        {
            download = await container.GetBlobClient(PartName(uploadId, part)).DownloadStreamingAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new StagedPartMissingException(uploadId, part);
        }

        await using var content = new GZipStream(download.Value.Content, CompressionMode.Decompress);
        await foreach (var row in JsonSerializer.DeserializeAsyncEnumerable(content, StorageJsonContext.Default.StagedLead, cancellationToken))
        {
            if (row is not null) yield return row;
        }
    }

    public async Task WriteFindingsAsync(string uploadId, ImportFindings findings, CancellationToken cancellationToken) =>
        await container.GetBlobClient(FindingsName(uploadId)).UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(findings, StorageJsonContext.Default.ImportFindings)),
            overwrite: true, cancellationToken);

    public async Task<ImportFindings?> ReadFindingsAsync(string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(FindingsName(uploadId)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson(StorageJsonContext.Default.ImportFindings);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The name keys more than one row of the staged file has, for every step's matcher (they go with the parts).</summary>
    public async Task WriteSharedNamesAsync(string uploadId, IReadOnlyList<string> nameKeys, CancellationToken cancellationToken) =>
        await container.GetBlobClient(SharedNamesName(uploadId)).UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(nameKeys, StorageJsonContext.Default.IReadOnlyListString)),
            overwrite: true, cancellationToken);

    /// <summary>The staged file's shared name keys; empty when it had none (none were written).</summary>
    public async Task<IReadOnlySet<string>> ReadSharedNamesAsync(string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(SharedNamesName(uploadId)).DownloadContentAsync(cancellationToken);
            return (content.Value.Content.ToObjectFromJson(StorageJsonContext.Default.IReadOnlyListString) ?? []).ToHashSet(StringComparer.Ordinal);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new HashSet<string>();
        }
    }

    /// <summary>Removes the upload's staged parts (the import ended), or with <paramref name="findings"/> everything of it.</summary>
    public async Task DeleteAsync(string uploadId, bool findings, CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = uploadId + "/" }, cancellationToken))
        {
            if (!findings && blob.Name == FindingsName(uploadId)) continue;
            await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }

    private static string PartName(string uploadId, int part) =>
        string.Create(CultureInfo.InvariantCulture, $"{uploadId}/part-{part:D5}.json.gz");

    private static string FindingsName(string uploadId) => uploadId + "/findings.json";

    private static string SharedNamesName(string uploadId) => uploadId + "/shared-names.json";
}
