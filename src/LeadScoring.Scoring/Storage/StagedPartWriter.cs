using System.Text.Json;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Writes one staged part as a JSON array of <see cref="StagedLead"/>, a row at a time: rows go into a buffer that is
/// sent to the blob whenever it passes <see cref="FlushBytes"/>; disposing closes the array and commits the blob.
/// </summary>
public sealed class StagedPartWriter : IAsyncDisposable
{
    private const int FlushBytes = 1024 * 1024;
    private readonly Stream blob;
    private readonly MemoryStream buffer = new();
    private readonly Utf8JsonWriter json;

    internal StagedPartWriter(Stream blob)
    {
        this.blob = blob;
        json = new Utf8JsonWriter(buffer);
        json.WriteStartArray();
    }

    public int Rows { get; private set; }

    public async Task WriteAsync(StagedLead row, CancellationToken cancellationToken)
    {
        JsonSerializer.Serialize(json, row, StorageJsonContext.Default.StagedLead);
        Rows++;
        if (json.BytesPending + buffer.Length >= FlushBytes) await FlushAsync(cancellationToken);
    }

    /// <summary>Closes the array and commits the part; a part not completed is never committed (the blob stays absent).</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        json.WriteEndArray();
        await FlushAsync(cancellationToken);
        await blob.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await json.DisposeAsync();
        await buffer.DisposeAsync();
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await json.FlushAsync(cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(blob, cancellationToken);
        buffer.SetLength(0);
    }
}
