using System.Text;
using LeadScoring.Scoring.Csv;

namespace LeadScoring.Scoring.Tests.Csv;

/// <summary>Opening test files and the stream stand-ins the CSV tests need.</summary>
internal static class CsvTestStreams
{
    public static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static Task<LeadCsvFile> OpenAsync(string content, LeadCsvOptions? options = null) =>
        OpenAsync(Encoding.UTF8.GetBytes(content), options);

    public static Task<LeadCsvFile> OpenAsync(byte[] content, LeadCsvOptions? options = null)
    {
        var reader = options is null ? new LeadCsvReader() : new LeadCsvReader(Microsoft.Extensions.Options.Options.Create(options));
        return reader.OpenAsync(new NonSeekableStream(new MemoryStream(content)), TestContext.Current.CancellationToken);
    }

    public static async Task<List<LeadCsvRow>> ReadAllAsync(LeadCsvFile file)
    {
        var rows = new List<LeadCsvRow>();
        await foreach (var row in file.ReadRowsAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static async Task<List<LeadCsvRow>> ReadAllAsync(string content, LeadCsvOptions? options = null)
    {
        await using var file = await OpenAsync(content, options);
        Assert.Null(file.FileError);
        return await ReadAllAsync(file);
    }
}

/// <summary>A forward-only stream like a request body: no seeking, no length, reads may come back short.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Sync reads are not allowed.");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Short reads (at most 1000 bytes) make sure nothing depends on a read filling its buffer.
        var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
        BytesRead += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// Produces a header and then <paramref name="rows"/> copies of one row, generated as it is read, so a large file
/// never exists in memory; forward-only and async-only.
/// </summary>
internal sealed class GeneratedCsvStream(string header, string row, int rows) : Stream
{
    private readonly byte[] headerBytes = Encoding.UTF8.GetBytes(header);
    private readonly byte[] rowBytes = Encoding.UTF8.GetBytes(row);
    private long position;

    public long HeaderLength => headerBytes.Length;
    public long RowLength => rowBytes.Length;
    public long TotalLength => headerBytes.Length + (long)rowBytes.Length * rows;
    public long BytesRead => position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Sync reads are not allowed.");

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var span = buffer.Span;
        var written = 0;
        while (written < span.Length && position < TotalLength)
        {
            byte[] source;
            long offset;
            if (position < headerBytes.Length)
            {
                (source, offset) = (headerBytes, position);
            }
            else
            {
                (source, offset) = (rowBytes, (position - headerBytes.Length) % rowBytes.Length);
            }

            var count = (int)Math.Min(source.Length - offset, span.Length - written);
            source.AsSpan((int)offset, count).CopyTo(span[written..]);
            written += count;
            position += count;
        }

        return ValueTask.FromResult(written);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
