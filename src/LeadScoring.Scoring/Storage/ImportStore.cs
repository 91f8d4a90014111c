using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Blob container <c>imports</c>: a file imported in the background, staged as the upload read it. Its accepted rows
/// in parts (<c>{uploadId}/part-00000.json</c>, a JSON array of <see cref="StagedLead"/>, one import step each) and what
/// the read found (<c>{uploadId}/findings.json</c>: the rejected, warning and repeated rows, for
/// <c>GET /uploads/{id}</c>). The parts go when the import ends; the findings go with the upload.
/// </summary>
public sealed class ImportStore(BlobServiceClient service)
{
    private readonly BlobContainerClient container = service.GetBlobContainerClient(StorageNames.Imports);

    public async Task WritePartAsync(string uploadId, int part, IReadOnlyList<StagedLead> rows, CancellationToken cancellationToken) =>
        await container.GetBlobClient(PartName(uploadId, part)).UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(rows, StorageJsonContext.Default.IReadOnlyListStagedLead)),
            overwrite: true, cancellationToken);

    /// <summary>A part's rows, or null when the part is not there (the upload was cleaned up, or never staged it).</summary>
    public async Task<IReadOnlyList<StagedLead>?> ReadPartAsync(string uploadId, int part, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(PartName(uploadId, part)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson(StorageJsonContext.Default.IReadOnlyListStagedLead);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
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
        string.Create(CultureInfo.InvariantCulture, $"{uploadId}/part-{part:D5}.json");

    private static string FindingsName(string uploadId) => uploadId + "/findings.json";
}
