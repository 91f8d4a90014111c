using System.IO.Compression;
using System.Text.Json;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Writes one staged part as a gzipped JSON array of <see cref="StagedLead"/>, a row at a time: rows are compressed
/// into a buffer that is sent to the blob whenever it passes <see cref="FlushBytes"/>; completing closes the array and
/// commits the blob. Compressed, a part is a fifth of its JSON, which is what the storage account writes and reads back.
/// </summary>
public sealed class StagedPartWriter : IAsyncDisposable
{
    private const int FlushBytes = 1024 * 1024;
    private const int CompressBytes = 64 * 1024;
    private readonly Stream blob;
    private readonly MemoryStream buffer = new();
    private readonly GZipStream gzip;
    private readonly Utf8JsonWriter json;

    internal StagedPartWriter(Stream blob)
    {
        this.blob = blob;
        // The compressor writes to memory, never to the blob: a part abandoned half-way is then never committed.
        gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true);
        json = new Utf8JsonWriter(gzip);
        json.WriteStartArray();
    }

    public int Rows { get; private set; }

    public async Task WriteAsync(StagedLead row, CancellationToken cancellationToken)
    {
        JsonSerializer.Serialize(json, row, StorageJsonContext.Default.StagedLead);
        Rows++;
        if (json.BytesPending >= CompressBytes) await json.FlushAsync(cancellationToken);
        if (buffer.Length >= FlushBytes) await SendAsync(cancellationToken);
    }

    /// <summary>Closes the array and commits the part; a part not completed is never committed (the blob stays absent).</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        json.WriteEndArray();
        await json.DisposeAsync(); // flushes into the compressor
        await gzip.DisposeAsync(); // writes the gzip trailer
        await SendAsync(cancellationToken);
        await blob.DisposeAsync();
    }

    /// <summary>Frees the buffers (a second dispose of each is a no-op); the blob is committed only by <see cref="CompleteAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await json.DisposeAsync();
        await gzip.DisposeAsync();
        await buffer.DisposeAsync();
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        buffer.Position = 0;
        await buffer.CopyToAsync(blob, cancellationToken);
        buffer.SetLength(0);
    }
}
