using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace LeadScoring.Scoring.Csv;

/// <summary>
/// The text source under CsvHelper's parser: decodes strictly, refuses NUL, bounds records, async only.
/// It never disposes the stream: the caller owns it (it may be a request body).
/// </summary>
/// <remarks>
/// <para>Encodings: UTF-16 LE or BE when the file starts with its byte order mark; otherwise UTF-8 (a UTF-8 BOM is
/// skipped). A file without a BOM whose first invalid UTF-8 byte comes while everything before it was ASCII is read on
/// as Windows-1252 from there: ASCII reads the same in both, so nothing already delivered changes. A byte that is
/// invalid after valid non-ASCII UTF-8 (a file of mixed encodings), or one Windows-1252 leaves undefined, is a fault.</para>
/// <para>Hand-written because no library does these together. StreamReader with a throwing encoding would reject bad
/// bytes, but only as a DecoderFallbackException somewhere in a 4 KiB block, with no line number, and it would also
/// throw before the good rows in front of the bad byte were handed out; nor does it fall back to another encoding.
/// Here the valid text before a fault is delivered first, and the fault is raised on the next read with the physical
/// line it is on. Line breaks are counted the way CsvHelper counts its RawRow: every CR, and every LF not preceded by CR.</para>
/// </remarks>
internal sealed class CsvTextReader(Stream stream, int maxRecordLength) : TextReader
{
    internal const int ChunkBytes = 64 * 1024;

    private readonly byte[] bytes = new byte[ChunkBytes];
    private int byteStart;
    private int byteEnd;
    private bool streamEnded;
    private bool started;
    private bool hasByteOrderMark;
    private bool sawNonAsciiUtf8;
    private Decoder? utf16;

    // No encoding read here decodes to more UTF-16 chars than it has bytes, so one chunk of chars always suffices.
    private readonly char[] chars = new char[ChunkBytes];
    private int charStart;
    private int charEnd;

    private long deliveredLineBreaks;
    private bool deliveredEndsWithCr;
    private LeadCsvFormatException? fault;
    private bool faultIsNul;

    /// <summary>The token for stream reads; CsvHelper's ReadAsync takes none, so the caller sets it per call.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Characters handed to the parser so far (the BOM excluded).</summary>
    public long CharsDelivered { get; private set; }

    /// <summary>True once a read has returned 0: the parser has seen the end of the text.</summary>
    public bool ReachedEnd { get; private set; }

    /// <summary>The encoding the text is read in; it may turn from UTF-8 to Windows-1252 at the first non-ASCII byte.</summary>
    public CsvTextEncoding Encoding { get; private set; }

    /// <summary>The first chunk holds a NUL: a binary file, not text.</summary>
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
            var bigEndian = head[0] == 0xFE;
            Encoding = bigEndian ? CsvTextEncoding.Utf16BigEndian : CsvTextEncoding.Utf16LittleEndian;
            utf16 = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true).GetDecoder();
            byteStart = 2;
            hasByteOrderMark = true;
            Decode();
            FirstChunkHasNul = faultIsNul;
            return;
        }

        FirstChunkHasNul = head.Contains((byte)0);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            byteStart = 3;
            hasByteOrderMark = true;
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

    /// <summary>Decodes the buffered bytes after what is not yet handed out; a fault stops the text in front of it.</summary>
    private void Decode()
    {
        charStart = 0;
        charEnd = 0;
        switch (Encoding)
        {
            case CsvTextEncoding.Utf8:
                DecodeUtf8();
                break;
            case CsvTextEncoding.Windows1252:
                DecodeWindows1252();
                break;
            default:
                DecodeUtf16();
                break;
        }
    }

    private void DecodeUtf8()
    {
        var source = bytes.AsSpan(byteStart, byteEnd - byteStart);
        var nul = source.IndexOf((byte)0);
        var text = nul >= 0 ? source[..nul] : source;
        var status = Utf8.ToUtf16(text, chars, out var bytesRead, out var charsWritten,
            replaceInvalidSequences: false, isFinalBlock: streamEnded || nul >= 0);
        sawNonAsciiUtf8 |= text[..bytesRead].IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
        byteStart += bytesRead;
        charEnd = charsWritten;

        if (status == System.Buffers.OperationStatus.InvalidData)
        {
            if (!hasByteOrderMark && !sawNonAsciiUtf8)
            {
                // Everything so far was ASCII, which Windows-1252 reads the same: read on in it from here.
                Encoding = CsvTextEncoding.Windows1252;
                DecodeWindows1252();
                return;
            }

            Fail(hasByteOrderMark
                ? "The file is not valid UTF-8 (line {0}) although it starts with a UTF-8 byte order mark. Save it as \"CSV UTF-8\" and upload it again."
                : "The file is not valid UTF-8 (line {0}): it mixes encodings. Save it as \"CSV UTF-8\" and upload it again.");
        }
        else if (status == System.Buffers.OperationStatus.Done && nul >= 0)
        {
            FailNul();
        }
    }

    private void DecodeWindows1252()
    {
        var source = bytes.AsSpan(byteStart, byteEnd - byteStart);
        var i = 0;
        for (; i < source.Length; i++)
        {
            var b = source[i];
            if (b == 0)
            {
                byteStart += i;
                FailNul();
                return;
            }

            var c = b is >= 0x80 and <= 0x9F ? Windows1252High[b - 0x80] : (char)b;
            if (c == Undefined)
            {
                byteStart += i;
                Fail("The file is neither UTF-8 nor Windows-1252 (line {0}). Save it as \"CSV UTF-8\" and upload it again.");
                return;
            }

            chars[charEnd++] = c;
        }

        byteStart += i;
    }

    private void DecodeUtf16()
    {
        var source = bytes.AsSpan(byteStart, byteEnd - byteStart);
        try
        {
            utf16!.Convert(source, chars, flush: streamEnded, out var bytesUsed, out var charsUsed, out _);
            byteStart += bytesUsed;
            charEnd = charsUsed;
        }
        catch (DecoderFallbackException)
        {
            // Deliver nothing of this chunk rather than guess where in it the bad pair was; the line is still exact
            // to the chunk's start, which is as precise as a lone surrogate in a UTF-16 file deserves.
            Fail("The file is not valid UTF-16 (line {0}). Save it as \"CSV UTF-8\" and upload it again.");
            return;
        }

        var nul = chars.AsSpan(0, charEnd).IndexOf('\0');
        if (nul >= 0)
        {
            charEnd = nul;
            FailNul();
        }
    }

    private void FailNul() => Fail("Line {0} contains a NUL byte; the file is not plain-text CSV.", nul: true);

    private void Fail(string format, bool nul = false)
    {
        // The fault's line: every break already delivered, plus those in the text decoded ahead of it.
        var previousWasCr = deliveredEndsWithCr;
        var line = deliveredLineBreaks + CountLineBreaks(chars.AsSpan(0, charEnd), ref previousWasCr) + 1;
        fault = new LeadCsvFormatException(line, string.Format(CultureInfo.InvariantCulture, format, line));
        faultIsNul = nul;
    }

    private const char Undefined = '\uFFFF';

    /// <summary>Windows-1252's bytes 0x80-0x9F (the rest is Latin-1); five are undefined.</summary>
    private static readonly char[] Windows1252High =
    [
        '€', Undefined, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', Undefined, 'Ž', Undefined,
        Undefined, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', Undefined, 'ž', 'Ÿ',
    ];
}
