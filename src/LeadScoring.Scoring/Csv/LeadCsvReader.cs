using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Csv;

/// <summary>
/// Reads uploaded lead files, streaming: the file is never held in memory whole.
/// </summary>
/// <remarks>
/// <para><b>Accepted format.</b></para>
/// <list type="bullet">
/// <item>Encoding (<see cref="CsvTextReader"/>): UTF-8 with or without a byte order mark; Windows-1252 from the first
/// non-ASCII byte of a file without a BOM that is not UTF-8; UTF-16 LE or BE by its BOM. A byte none of them reads,
/// or a NUL, is an error giving the line.</item>
/// <item>The first non-empty line is the header. Its names are recognised as the seed and the common CRM exports
/// write them (<see cref="LeadCsvColumns"/>), ignoring case and everything but letters and digits; an explicit
/// mapping overrides that (<see cref="LeadCsvHeader"/>). The header needs a column for a name (or first and last
/// name), email, company or LinkedIn URL. Other columns are ignored; one field named twice at the same rank is an
/// error unless the mapping settles it.</item>
/// <item>Delimiter: comma, semicolon or tab, whichever occurs most often (outside quotes) in the header line;
/// the header alone decides, ties go to comma, then semicolon. Every row uses the header's delimiter.</item>
/// <item>Quoting as in RFC 4180: a field in double quotes may hold the delimiter, line breaks, and quotes written
/// twice (<c>""</c>). A stray quote inside an unquoted field is kept as text. Line endings may be CRLF, LF or CR.</item>
/// <item>Empty lines, and rows whose fields are all blank (<c>,,,,,</c>), are skipped.</item>
/// <item>Fields are trimmed of surrounding whitespace.</item>
/// <item><b>A row is accepted when</b> it has exactly as many fields as the header, a name, email, company or LinkedIn
/// URL, and no field it reads is longer than 32,000 characters (the Table Storage limit). Any other field may be
/// blank; blank fields cost completeness points when scored, and a blank name is a warning on the row.</item>
/// <item>A rejected row is reported with the physical line it starts on (the header is line 1 when the file
/// starts with it; a quoted field with line breaks counts every line) and the reason, such as
/// "expected 6 fields, found 4"; the rows after it are still read.</item>
/// <item>File-level errors (<see cref="LeadCsvFile.FileError"/>, nothing is read): an empty file, a binary file, an
/// encoding fault in the first 64 KiB, a header that identifies no one (the error lists its columns and a mapping that
/// would fix it) or names a field twice.
/// A header with no data rows is not an error: it yields no rows.</item>
/// <item>Faults that make the rest unreadable stop the read with <see cref="LeadCsvFormatException"/> (the rows
/// before it were already returned): an encoding fault or a NUL byte after the first 64 KiB, a row longer than
/// 1,048,576 characters (usually a quote that is never closed), more than 1,000,000 data rows.
/// A quote left open up to the end of the file rejects that last row, naming the line where it opened.</item>
/// </list>
/// <para>The limits are <see cref="LeadCsvOptions"/> (section <c>LeadCsv</c>); the values above are the defaults.</para>
/// </remarks>
public sealed class LeadCsvReader
{
    private readonly LeadCsvOptions options;

    public LeadCsvReader()
        : this(new LeadCsvOptions())
    {
    }

    public LeadCsvReader(IOptions<LeadCsvOptions> options)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    private LeadCsvReader(LeadCsvOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFieldLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxFieldLength, 32_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRecordLength, 1_024);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRows, 1);
        this.options = options;
    }

    /// <summary>
    /// Reads the start of <paramref name="csv"/> and its header. Check <see cref="LeadCsvFile.FileError"/> before
    /// reading rows. The stream stays open and need not be seekable.
    /// </summary>
    public Task<LeadCsvFile> OpenAsync(Stream csv, CancellationToken cancellationToken) => OpenAsync(csv, null, cancellationToken);

    /// <summary>As <see cref="OpenAsync(Stream, CancellationToken)"/>, with an explicit mapping (field → the file's column name).</summary>
    public async Task<LeadCsvFile> OpenAsync(Stream csv, IReadOnlyDictionary<LeadField, string>? mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);

        var text = new CsvTextReader(csv, options.MaxRecordLength);
        await text.StartAsync(cancellationToken);
        if (text.FirstChunkHasNul)
        {
            return LeadCsvFile.Failed("The file is not a CSV file: it contains binary data.");
        }

        if (text.PendingFault is { } fault)
        {
            return LeadCsvFile.Failed(fault.Message);
        }

        if (text.StreamEnded && text.BufferedText.IsWhiteSpace())
        {
            return LeadCsvFile.Failed(EmptyFile);
        }

        var delimiter = SniffDelimiter(text.BufferedText);
        var parser = new CsvParser(text, ParserConfiguration(delimiter), leaveOpen: false);
        try
        {
            text.CancellationToken = cancellationToken;
            if (!await parser.ReadAsync())
            {
                parser.Dispose();
                return LeadCsvFile.Failed(EmptyFile);
            }
        }
        catch (LeadCsvFormatException exception)
        {
            // A header we cannot even read (a bad byte or a runaway quote in it) is a fault of the whole file.
            parser.Dispose();
            return LeadCsvFile.Failed(exception.Message);
        }

        var header = new string[parser.Count];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = parser[i];
        }

        if (LeadCsvHeader.TryMap(header, mapping, out var mapped) is { } headerError)
        {
            parser.Dispose();
            return LeadCsvFile.Failed(headerError, mapped.Columns);
        }

        return new LeadCsvFile(text, parser, delimiter, mapped, options);
    }

    private const string EmptyFile = "The file is empty.";

    private static CsvConfiguration ParserConfiguration(char delimiter) => new(CultureInfo.InvariantCulture)
    {
        Delimiter = delimiter.ToString(),
        DetectDelimiter = false,
        Mode = CsvMode.RFC4180,
        IgnoreBlankLines = true,
        // Trim spaces outside quotes in the parser, so ` "Acme, Inc"` still counts as quoted; values are trimmed again later.
        TrimOptions = TrimOptions.Trim,
        // A stray quote inside an unquoted field (Ada "Ace" Lovelace) is kept as text rather than failing the row.
        BadDataFound = null,
        // Lead data is personal: keep it out of exception messages and so out of logs.
        ExceptionMessagesContainRawData = false,
        BufferSize = 16 * 1024,
    };

    /// <summary>
    /// Picks comma, semicolon or tab by counting each outside quotes in the first non-empty line.
    /// </summary>
    /// <remarks>
    /// Hand-written because CsvHelper's DetectDelimiter does not fit: it votes across the whole first buffer,
    /// keeps only delimiters found on every line (one blank line or short row defeats it), splits lines on "\r\n"
    /// only, and prefers the culture's list separator. We want the header alone to decide.
    /// </remarks>
    internal static char SniffDelimiter(ReadOnlySpan<char> text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var inQuotes = false;
        var inLine = false;
        foreach (var c in text)
        {
            if (c is '\r' or '\n' && !inQuotes)
            {
                if (inLine)
                {
                    break;
                }

                continue;
            }

            inLine = true;
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        if (commas >= semicolons && commas >= tabs)
        {
            return ',';
        }

        return semicolons >= tabs ? ';' : '\t';
    }
}
