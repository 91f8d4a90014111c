using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Scoring.Csv;

/// <summary>
/// An opened leads file. <see cref="FileError"/> is set when the file as a whole is unusable
/// (empty, not CSV, a required column missing); then there are no rows.
/// </summary>
public sealed class LeadCsvFile : IAsyncDisposable
{
    private readonly CsvTextReader? text;
    private readonly CsvParser? parser;
    private readonly int fieldCount;
    private readonly LeadCsvHeader? header;
    private readonly LeadCsvOptions options = new();
    private bool rowsRead;

    private LeadCsvFile(string fileError, IReadOnlyList<string> columns)
    {
        FileError = fileError;
        Columns = columns;
    }

    internal LeadCsvFile(CsvTextReader text, CsvParser parser, char delimiter, LeadCsvHeader header, LeadCsvOptions options)
    {
        this.text = text;
        this.parser = parser;
        this.header = header;
        this.options = options;
        fieldCount = header.Columns.Count;
        Columns = header.Columns;
        Delimiter = delimiter;
    }

    internal static LeadCsvFile Failed(string fileError, IReadOnlyList<string>? columns = null) => new(fileError, columns ?? []);

    public string? FileError { get; }

    /// <summary>The file's column names as its header writes them (also when the header was refused); empty before it.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>What each lead field is read from (<see cref="LeadCsvHeader.Describe"/>); empty when the file failed.</summary>
    public IReadOnlyDictionary<string, string> Mapping => header?.Describe() ?? new Dictionary<string, string>();

    /// <summary>
    /// The encoding the file was read in. It can change from UTF-8 to Windows-1252 while the rows are read (at the
    /// first non-ASCII byte), so read it once the rows are done.
    /// </summary>
    public CsvTextEncoding Encoding => text?.Encoding ?? CsvTextEncoding.Utf8;

    /// <summary>Whether a column says what became of the lead (outcome, lead status, lifecycle stage, stage, converted).</summary>
    public bool HasOutcomeColumn => header?.HasOutcome ?? false;

    /// <summary>The scoring inputs the file has no column for (<see cref="LeadCsvHeader.MissingInputs"/>); empty when the file failed.</summary>
    public IReadOnlyList<FileWarning> FileWarnings => header?.MissingInputs() ?? [];

    /// <summary>The delimiter taken from the header (comma, semicolon or tab); null when the file failed before it.</summary>
    public char? Delimiter { get; }

    /// <summary>Streams the data rows. A fault that makes the rest unreadable throws <see cref="LeadCsvFormatException"/>.</summary>
    public async IAsyncEnumerable<LeadCsvRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (text is null || parser is null)
        {
            yield break;
        }

        if (rowsRead)
        {
            throw new InvalidOperationException("The rows of an uploaded file can be read only once.");
        }

        rowsRead = true;
        long previousEndLine = parser.RawRow;
        var rows = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            text.CancellationToken = cancellationToken;
            if (!await parser.ReadAsync())
            {
                yield break;
            }

            var (line, unclosedQuote) = LocateRecord(previousEndLine);
            previousEndLine = parser.RawRow;
            if (!unclosedQuote && IsBlank())
            {
                continue;
            }

            if (++rows > options.MaxRows)
            {
                throw new LeadCsvFormatException(line, string.Create(CultureInfo.InvariantCulture,
                    $"The file has more than {options.MaxRows:N0} data rows (line {line}); split it into smaller files. Rows before it were read."));
            }

            yield return unclosedQuote
                ? new LeadCsvRow(line, null, "a quoted field opened on this line is never closed, so the rest of the file was read as one field")
                : ToRow(line);
        }
    }

    public ValueTask DisposeAsync()
    {
        // Disposes only our text reader, which holds no I/O of its own: the caller owns the stream.
        parser?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The physical line the record just read starts on, and whether it ends inside an unclosed quote.
    /// </summary>
    /// <remarks>
    /// CsvHelper's RawRow counts physical lines up to the end of the record, skipped blank lines and line breaks
    /// inside quotes included; the start is that minus the breaks inside the record. CsvHelper also accepts the end of
    /// the file inside a quoted field without a word and does not expose its quote state, so a record that runs to
    /// the end of the text is rescanned by hand (once per file at most).
    /// </remarks>
    private (long Line, bool UnclosedQuote) LocateRecord(long previousEndLine)
    {
        long endLine = parser!.RawRow;
        var atEnd = text!.ReachedEnd && parser.CharCount == text.CharsDelivered;
        if (endLine - previousEndLine == 1 && !atEnd)
        {
            return (endLine, false);
        }

        var raw = parser.RawRecord.AsSpan();
        var unclosed = atEnd && EndsInsideQuotes(raw, Delimiter!.Value);
        if (!unclosed)
        {
            raw = raw.EndsWith("\r\n") ? raw[..^2] : raw.EndsWith('\r') || raw.EndsWith('\n') ? raw[..^1] : raw;
        }

        var previousWasCr = false;
        return (endLine - CsvTextReader.CountLineBreaks(raw, ref previousWasCr), unclosed);
    }

    /// <summary>Whether the record ends inside a quoted field, following CsvHelper's RFC 4180 rules with trimming.</summary>
    internal static bool EndsInsideQuotes(ReadOnlySpan<char> raw, char delimiter)
    {
        bool fieldStart = true, quoted = false, inQuotes = false, bad = false;
        var previous = '\0';
        foreach (var c in raw)
        {
            if (fieldStart)
            {
                if (c == ' ')
                {
                    continue;
                }

                fieldStart = false;
                bad = false;
                quoted = c == '"';
                if (quoted)
                {
                    inQuotes = true;
                    previous = c;
                    continue;
                }
            }

            if (quoted && c == '"')
            {
                if (inQuotes)
                {
                    inQuotes = false;
                }
                else if (previous == '"' && !bad)
                {
                    inQuotes = true; // "" inside a quoted field
                }
                else
                {
                    bad = true;
                }
            }
            else if (!inQuotes && (c == delimiter || c is '\r' or '\n'))
            {
                fieldStart = true;
            }

            previous = c;
        }

        return inQuotes;
    }

    private bool IsBlank()
    {
        for (var i = 0; i < parser!.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(parser[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What the outcome columns say: a positive in any of them wins (a customer whose lead status is still "Open"
    /// converted), then a negative, then open; null when they are blank.
    /// </summary>
    private (OutcomeReading? Outcome, string? Problem) ReadOutcome(Func<LeadField, string> field)
    {
        OutcomeReading? best = null;
        foreach (var column in LeadCsvColumns.OutcomeFields)
        {
            if (header!.ColumnOf(column) < 0 || field(column) is not { Length: > 0 } value || OutcomeValues.IsNoOutcome(value)) continue;
            if (OutcomeValues.Read(value, column == LeadField.Converted) is not { } kind)
            {
                return (null, $"the outcome '{value}' in column '{header.Columns[header.ColumnOf(column)]}' is not a value the service reads (see the outcome table in docs/outcomes.md)");
            }

            var reading = new OutcomeReading(kind, value, header.Columns[header.ColumnOf(column)]);
            // An outcome column that says won or lost (Pipedrive's deal status) decides over a stage beside it: a lost
            // deal in the "Qualified" stage was lost.
            if (column == LeadField.Outcome && kind != OutcomeKind.Open) return (reading, null);
            if (best is null || kind > best.Kind) best = reading;
        }

        return (best, null);
    }

    private static bool HasNoLeadField(Lead lead) => LeadFields.AreBlank(lead);

    private LeadCsvRow ToRow(long line)
    {
        if (parser!.Count != fieldCount)
        {
            return LeadCsvRow.Rejected(line, string.Create(CultureInfo.InvariantCulture,
                $"expected {fieldCount} fields, found {parser.Count}"));
        }

        List<string>? tooLong = null;
        string Field(LeadField field)
        {
            var index = header!.ColumnOf(field);
            var value = index < 0 ? "" : parser[index].Trim();
            if (value.Length > options.MaxFieldLength)
            {
                (tooLong ??= []).Add(string.Create(CultureInfo.InvariantCulture,
                    $"field '{header.Columns[index]}' has {value.Length:N0} characters"));
            }

            return value;
        }

        var name = Field(LeadField.Name);
        var (first, last) = (Field(LeadField.FirstName), Field(LeadField.LastName));
        if (name.Length == 0) name = $"{first} {last}".Trim();
        var location = Field(LeadField.Location);
        var (city, state, country) = (Field(LeadField.City), Field(LeadField.State), Field(LeadField.Country));
        if (location.Length == 0) location = string.Join(", ", new[] { city, state, country }.Where(part => part.Length > 0));

        // Name and location may be joined from the parts some exports split them into.
        var lead = LeadFields.Create("", field =>
            field == LeadFields.Name ? name : field == LeadFields.Location ? location : Field(LeadCsvColumns.ColumnOf(field)));

        if (tooLong is not null)
        {
            return LeadCsvRow.Rejected(line, string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(", ", tooLong)}; the limit is {options.MaxFieldLength:N0}"));
        }

        // Joined parts can outgrow a cell's limit although each part fits.
        if (lead.Name.Length > options.MaxFieldLength || lead.Location.Length > options.MaxFieldLength)
        {
            return LeadCsvRow.Rejected(line, string.Create(CultureInfo.InvariantCulture,
                $"the joined name or location has more than {options.MaxFieldLength:N0} characters"));
        }

        if (HasNoLeadField(lead))
        {
            return LeadCsvRow.Rejected(line, "the row has none of the lead's fields (name, role, company, industry, location, bio, email...)");
        }

        var identity = PersonIdentity.Of(lead);
        var (outcome, outcomeProblem) = header!.HasOutcome ? ReadOutcome(Field) : (null, null);
        return new LeadCsvRow(line, lead, null)
        {
            Outcome = outcome,
            OutcomeProblem = outcomeProblem,
            Identity = identity,
            Warning = identity.Kind == IdentityKind.Row && lead.Company.Length == 0 && lead.Name.Length == 0
                ? "the row has no name, company, email, LinkedIn URL or record id; it is stored as a lead of its own and scored with fewer completeness points"
                : lead.Name.Length == 0 ? "name is blank; the lead is scored with fewer completeness points" : null,
        };
    }
}
