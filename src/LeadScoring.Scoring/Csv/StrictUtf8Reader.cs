using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace LeadScoring.Scoring.Csv;

/// <summary>
/// The text source under CsvHelper's parser: strict UTF-8, no NUL bytes, bounded records, async only.
/// It never disposes the stream: the caller owns it (it may be a request body).
/// </summary>
/// <remarks>
/// Hand-written because no library does these together. StreamReader with a throwing UTF8Encoding would reject
/// bad bytes, but only as a DecoderFallbackException somewhere in a 4 KiB block, with no line number, and it would
/// also throw before the good rows in front of the bad byte were handed out. Here the valid text before a fault is
/// delivered first, and the fault is raised on the next read with the physical line it is on.
/// Line breaks are counted the way CsvHelper counts its RawRow: every CR, and every LF not preceded by CR.
/// </remarks>
internal sealed class StrictUtf8Reader(Stream stream, int maxRecordLength) : TextReader
{
    internal const int ChunkBytes = 64 * 1024;

    private readonly byte[] bytes = new byte[ChunkBytes];
    private int byteStart;
    private int byteEnd;
    private bool streamEnded;
    private bool started;

    // UTF-8 never decodes to more UTF-16 chars than it has bytes, so one chunk of chars always suffices.
    private readonly char[] chars = new char[ChunkBytes];
    private int charStart;
    private int charEnd;

    private long deliveredLineBreaks;
    private bool deliveredEndsWithCr;
    private LeadCsvFormatException? fault;

    /// <summary>The token for stream reads; CsvHelper's ReadAsync takes none, so the caller sets it per call.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Characters handed to the parser so far (the BOM excluded).</summary>
    public long CharsDelivered { get; private set; }

    /// <summary>True once a read has returned 0: the parser has seen the end of the text.</summary>
    public bool ReachedEnd { get; private set; }

    /// <summary>The file starts with a UTF-16 (or UTF-32 LE) byte order mark.</summary>
    public bool IsUtf16 { get; private set; }

    /// <summary>The first chunk holds a NUL byte: a binary file, not text.</summary>
    public bool FirstChunkHasNul { get; private set; }

    /// <summary>A fault found while decoding what is buffered; raised once the text before it has been read.</summary>
    public LeadCsvFormatException? PendingFault => fault;

    /// <summary>The decoded text not yet handed out: after <see cref="StartAsync"/>, the whole first chunk.</summary>
    public ReadOnlySpan<char> BufferedText => chars.AsSpan(charStart, charEnd - charStart);

    public bool StreamEnded => streamEnded;

    /// <summary>Reads and decodes the first chunk (up to 64 KiB) so the caller can classify the file and sniff the delimiter.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        started = true;
        await ReadBytesAsync(cancellationToken);
        var head = bytes.AsSpan(0, byteEnd);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            IsUtf16 = true;
            return;
        }

        FirstChunkHasNul = head.Contains((byte)0);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            byteStart = 3;
        }

        Decode();
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count)
    {
        // CsvHelper moves the unfinished record to the front of its buffer before asking for more, so `index` is the
        // length of the record being parsed; it doubles its buffer while a record does not fit. Stopping here bounds
        // the parser's memory to about twice the record limit, whatever the file holds (an unclosed quote, a line
        // of a million delimiters). CsvHelper's MaxFieldSize would bound one field, not a record of many fields.
        if (index > maxRecordLength)
        {
            var startLine = LineOfTextEndingWith(buffer.AsSpan(0, index));
            throw new LeadCsvFormatException(startLine, string.Create(CultureInfo.InvariantCulture,
                $"The row starting on line {startLine} is longer than {maxRecordLength:N0} characters; a quote may never have been closed. Rows before it were read."));
        }

        return ReadAsync(buffer.AsMemory(index, count), CancellationToken).AsTask();
    }

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        if (!started)
        {
            await StartAsync(cancellationToken);
        }

        while (charStart == charEnd)
        {
            if (fault is not null)
            {
                throw fault;
            }

            if (streamEnded && byteStart == byteEnd)
            {
                ReachedEnd = true;
                return 0;
            }

            await ReadBytesAsync(cancellationToken);
            Decode();
        }

        var count = Math.Min(buffer.Length, charEnd - charStart);
        var delivered = chars.AsSpan(charStart, count);
        delivered.CopyTo(buffer.Span);
        charStart += count;
        CharsDelivered += count;
        deliveredLineBreaks += CountLineBreaks(delivered, ref deliveredEndsWithCr);
        return count;
    }

    // Sync reads would be sync-over-async on a request stream; CsvHelper's ReadAsync path never calls them.
    public override int Read(char[] buffer, int index, int count) => throw new NotSupportedException("Use ReadAsync.");

    public override int Read() => throw new NotSupportedException("Use ReadAsync.");

    public override int Peek() => throw new NotSupportedException("Use ReadAsync.");

    /// <summary>Counts CR, and LF not preceded by CR (also across calls, through <paramref name="previousWasCr"/>).</summary>
    internal static long CountLineBreaks(ReadOnlySpan<char> text, ref bool previousWasCr)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        long count = text.Count('\r') + text.Count('\n') - text.Count("\r\n".AsSpan());
        if (previousWasCr && text[0] == '\n')
        {
            count--;
        }

        previousWasCr = text[^1] == '\r';
        return count;
    }

    /// <summary>The physical line on which <paramref name="tail"/>, the last text delivered, starts.</summary>
    private long LineOfTextEndingWith(ReadOnlySpan<char> tail)
    {
        var previousWasCr = false;
        return deliveredLineBreaks - CountLineBreaks(tail, ref previousWasCr) + 1;
    }

    private async Task ReadBytesAsync(CancellationToken cancellationToken)
    {
        if (byteStart > 0)
        {
            bytes.AsSpan(byteStart, byteEnd - byteStart).CopyTo(bytes);
            byteEnd -= byteStart;
            byteStart = 0;
        }

        if (streamEnded)
        {
            return;
        }

        var free = bytes.Length - byteEnd;
        var read = await stream.ReadAtLeastAsync(bytes.AsMemory(byteEnd, free), free, throwOnEndOfStream: false, cancellationToken);
        byteEnd += read;
        streamEnded = read < free;
    }

    private void Decode()
    {
        var source = bytes.AsSpan(byteStart, byteEnd - byteStart);
        var nul = source.IndexOf((byte)0);
        var text = nul >= 0 ? source[..nul] : source;
        var status = Utf8.ToUtf16(text, chars, out var bytesRead, out var charsWritten,
            replaceInvalidSequences: false, isFinalBlock: streamEnded || nul >= 0);
        byteStart += bytesRead;
        charStart = 0;
        charEnd = charsWritten;

        if (status == System.Buffers.OperationStatus.InvalidData || (status == System.Buffers.OperationStatus.Done && nul >= 0))
        {
            // The fault's line: every break already delivered, plus those in the text decoded ahead of it.
            var previousWasCr = deliveredEndsWithCr;
            var line = deliveredLineBreaks + CountLineBreaks(chars.AsSpan(0, charsWritten), ref previousWasCr) + 1;
            fault = status == System.Buffers.OperationStatus.InvalidData
                ? new LeadCsvFormatException(line, string.Create(CultureInfo.InvariantCulture,
                    $"The file is not valid UTF-8 (line {line}). Save it as \"CSV UTF-8\" and upload it again."))
                : new LeadCsvFormatException(line, string.Create(CultureInfo.InvariantCulture,
                    $"Line {line} contains a NUL byte; the file is not plain-text CSV."));
        }
    }
}
