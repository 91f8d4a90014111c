using System.Text;
using CsCheck;
using LeadScoring.Scoring.Csv;
using static LeadScoring.Scoring.Tests.Csv.CsvTestStreams;

namespace LeadScoring.Scoring.Tests.Csv;

/// <summary>
/// Hostile files against the reader: whatever the bytes, it returns rows or a clear error (a file error, a row error
/// or <see cref="LeadCsvFormatException"/> with a line), never another exception. CsCheck prints the seed of a failure.
/// </summary>
public sealed class LeadCsvReaderFuzzTests
{
    private const string Header = "name,role,company,industry,location,linkedin_bio\n";

    /// <summary>Pieces of text that make CSV or break it; soups are random sequences of them.</summary>
    private static readonly byte[][] TextTokens = new[]
    {
        ",", ";", "\t", "\"", "\"\"", "\r", "\n", "\r\n", " ", "name", "role", "company", "industry", "linkedin_bio",
        "Ada", "CEO", "saas", "é", "☃", "=1+1", "\uFEFF", "\u2028", "\U0001F600",
    }.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>Bytes that are not UTF-8 text: NUL, invalid lead bytes, truncated and overlong sequences, surrogates, UTF-16 BOMs.</summary>
    private static readonly byte[][] BadBytes =
    [
        [0x00], [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xFE, 0xFF], [0xFF, 0xFE],
    ];

    private static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 2_048];

    private static readonly Gen<byte[]> TextSoup = Gen.Int[0, TextTokens.Length - 1].Array[0, 400]
        .Select(picks => picks.SelectMany(i => TextTokens[i]).ToArray());

    // A valid header first, so the reader gets past it and the soup reaches the row parser.
    private static readonly Gen<byte[]> RowsAfterHeader = TextSoup.Select(soup => Encoding.UTF8.GetBytes(Header).Concat(soup).ToArray());

    // 70 KB of good rows: the reader checks the first 64 KiB up front and what follows while streaming.
    // Few long rows rather than thousands of short ones: the bytes are what matter here, and rows cost time.
    private static readonly byte[] PastFirstChunk =
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"Ada,CEO,Acme,saas,Oslo,{new string('b', 1_000)}\n", 70)));

    // Rows with one bad byte sequence: anywhere in the first chunk, or (late) in the soup after 70 KB of good rows.
    private static readonly Gen<byte[]> RowsWithBadBytes = Gen.Select(RowsAfterHeader, Gen.Int[0, BadBytes.Length - 1], Gen.Double[0, 1], Gen.Bool)
        .Select((rows, bad, at, late) =>
        {
            var position = late ? Header.Length + (int)(at * (rows.Length - Header.Length)) : (int)(at * rows.Length);
            var withBad = rows[..position].Concat(BadBytes[bad]).Concat(rows[position..]).ToArray();
            return late ? [.. Encoding.UTF8.GetBytes(Header), .. PastFirstChunk, .. withBad.AsSpan(Header.Length)] : withBad;
        });

    [Fact]
    public Task Reader_never_throws_anything_but_its_format_error_on_random_bytes() =>
        RandomBytes.SampleAsync(AssertReadsCleanlyAsync, iter: 300);

    [Fact]
    public Task Reader_never_throws_anything_but_its_format_error_on_csv_token_soup() =>
        TextSoup.SampleAsync(AssertReadsCleanlyAsync, iter: 300);

    [Fact]
    public Task Reader_never_throws_anything_but_its_format_error_on_rows_of_token_soup() =>
        RowsAfterHeader.SampleAsync(AssertReadsCleanlyAsync, iter: 500);

    [Fact]
    public Task Reader_never_throws_anything_but_its_format_error_on_rows_with_invalid_utf8_or_nul() =>
        RowsWithBadBytes.SampleAsync(AssertReadsCleanlyAsync, iter: 200);

    [Fact]
    public async Task Reader_stops_a_10_MB_single_line_with_a_clear_error_giving_its_line()
    {
        var csv = Encoding.UTF8.GetBytes(Header + "Ada," + new string('x', 10 * 1024 * 1024) + ",Acme,saas,Oslo,bio\n");

        var outcome = await ReadAsync(csv);

        Assert.Equal(2, outcome.FormatErrorLine);
        Assert.Contains("longer than", outcome.FormatError);
    }

    [Fact]
    public async Task Reader_fails_a_10_MB_header_line_as_a_file_error()
    {
        var outcome = await ReadAsync(Encoding.UTF8.GetBytes(new string('n', 10 * 1024 * 1024)));

        Assert.Contains("longer than", outcome.FileError);
    }

    [Fact]
    public async Task Reader_stops_an_unclosed_quote_running_for_10_MB_with_the_line_it_opened_on()
    {
        var csv = Encoding.UTF8.GetBytes(Header + "Ada,CEO,Acme,saas,Oslo,bio\n\"Bob" + string.Concat(Enumerable.Repeat("line\n", 2 * 1024 * 1024)));

        var outcome = await ReadAsync(csv);

        Assert.Equal([2L], outcome.Rows.Where(r => r.Lead is not null).Select(r => r.Line));
        Assert.Equal(3, outcome.FormatErrorLine);
    }

    [Fact]
    public async Task Reader_reads_a_file_with_thousands_of_columns()
    {
        var extra = string.Join(",", Enumerable.Range(1, 5_000).Select(i => $"extra{i}"));
        var values = string.Join(",", Enumerable.Range(1, 5_000).Select(i => $"v{i}"));
        var csv = Encoding.UTF8.GetBytes($"{extra},name,role,company,industry\n{values},Ada,CEO,Acme,saas\n{values},Bob\n");

        var outcome = await ReadAsync(csv);

        Assert.Null(outcome.FileError);
        Assert.Equal("Ada", Assert.Single(outcome.Rows, r => r.Lead is not null).Lead!.Name);
        Assert.Equal("expected 5004 fields, found 5001", Assert.Single(outcome.Rows, r => r.Error is not null).Error);
    }

    [Fact]
    public async Task Reader_refuses_a_header_of_thousands_of_unknown_columns_naming_the_missing_ones()
    {
        var csv = Encoding.UTF8.GetBytes(string.Join(",", Enumerable.Range(1, 20_000).Select(i => $"c{i}")) + "\n");

        var outcome = await ReadAsync(csv);

        Assert.StartsWith("The header has no column the service reads as a lead field", outcome.FileError);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(70_000)]
    public async Task Reader_reports_a_nul_byte_as_a_clear_error_wherever_it_is(int offset)
    {
        var rows = string.Concat(Enumerable.Repeat("Ada,CEO,Acme,saas,Oslo,bio\n", (offset / 27) + 2));
        var csv = Encoding.UTF8.GetBytes(Header + rows);
        csv[Header.Length + offset] = 0;

        var outcome = await ReadAsync(csv);

        Assert.True(outcome.FileError is not null || outcome.FormatError is not null, "a NUL byte must not pass as text");
    }

    /// <summary>Reads everything and checks what a caller relies on; any exception other than the reader's own fails the sample.</summary>
    private static async Task AssertReadsCleanlyAsync(byte[] bytes)
    {
        var outcome = await ReadAsync(bytes);
        if (outcome.FileError is { } fileError)
        {
            Assert.False(string.IsNullOrWhiteSpace(fileError));
            Assert.Empty(outcome.Rows);
            return;
        }

        if (outcome.FormatError is not null)
        {
            Assert.True(outcome.FormatErrorLine >= 1, $"format error without a line: {outcome.FormatError}");
        }

        long previous = 0;
        foreach (var row in outcome.Rows)
        {
            Assert.True(row.Line > previous, $"row lines must increase: {row.Line} after {previous}");
            previous = row.Line;
            Assert.True((row.Lead is null) != (row.Error is null), "a row is a lead or an error");
            if (row.Lead is { } lead)
            {
                Assert.False(new[] { lead.Name, lead.Role, lead.Company, lead.Industry, lead.Location, lead.LinkedinBio, lead.Email, lead.Phone, lead.LinkedinUrl, lead.Website, lead.Seniority, lead.Department, lead.RecordId }
                    .All(string.IsNullOrWhiteSpace), "an accepted lead has a lead field");
                foreach (var field in new[] { lead.Name, lead.Role, lead.Company, lead.Industry, lead.Location, lead.LinkedinBio })
                {
                    Assert.NotNull(field);
                    Assert.InRange(field.Length, 0, 32_000);
                    // string.Contains, not Assert.DoesNotContain: that one walks the string as a collection, a char at a time.
                    Assert.False(field.Contains('\0'), "a field holds a NUL");
                }
            }
        }
    }

    private static async Task<Outcome> ReadAsync(byte[] bytes)
    {
        await using var file = await OpenAsync(bytes);
        if (file.FileError is { } error) return new Outcome(error, [], null, null);
        var rows = new List<LeadCsvRow>();
        try
        {
            await foreach (var row in file.ReadRowsAsync(CancellationToken.None)) rows.Add(row);
        }
        catch (LeadCsvFormatException e)
        {
            return new Outcome(null, rows, e.Message, e.Line);
        }

        return new Outcome(null, rows, null, null);
    }

    private sealed record Outcome(string? FileError, List<LeadCsvRow> Rows, string? FormatError, long? FormatErrorLine);
}
