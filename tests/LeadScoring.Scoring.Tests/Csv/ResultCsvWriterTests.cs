using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Scores;

namespace LeadScoring.Scoring.Tests.Csv;

public sealed class ResultCsvWriterTests
{
    private const string HeaderLine =
        "lead_id,name,company,role,industry,score,intent,reasoning,"
        + "location,source,fallback_reason,role_points,industry_points,completeness_points,ai_points,ai_confidence,"
        + "title_seniority,title_department,industry_category,conversion_likelihood,model_version,"
        + "record_id,email,phone,linkedin_url,website,seniority,department\r\n";

    [Fact]
    public async Task Writer_writes_the_seed_columns_first_then_the_breakdown()
    {
        var output = await WriteAsync();

        Assert.Equal(HeaderLine, output);
    }

    [Fact]
    public async Task Writer_writes_a_fallback_row_with_crlf_and_invariant_numbers()
    {
        var result = Scored(confidence: null, source: IntentSource.Fallback, reason: FallbackReason.AiQuota);

        var output = await WriteAsync(result);

        Assert.Equal(HeaderLine + "u1-2,John Smith,TechCorp,CEO,saas,95,High,CEO at a SaaS company.,San Francisco,fallback,ai_quota,20,20,10,45,,,,,,,,,,,,,\r\n", output);
    }

    [Fact]
    public async Task Writer_writes_the_columns_kept_from_the_file_last_so_scores_go_back_into_the_crm()
    {
        var scored = Scored();
        var result = scored with
        {
            Lead = scored.Lead with
            {
                RecordId = "hs-501",
                Email = "john@techcorp.test",
                Phone = "+1 555 0100",
                LinkedinUrl = "https://www.linkedin.com/in/jsmith",
                Website = "techcorp.test",
                Seniority = "c_suite",
                Department = "executive",
            },
        };

        var cells = ParseSingleRow(await WriteAsync(result));

        Assert.Equal(
            ["hs-501", "john@techcorp.test", "'+1 555 0100", "https://www.linkedin.com/in/jsmith", "techcorp.test", "c_suite", "executive"],
            new[] { "record_id", "email", "phone", "linkedin_url", "website", "seniority", "department" }.Select(column => cells[column]));
        // The phone number starting with + gets the formula guard's quote like any other cell; the columns come last.
        Assert.Equal(ResultCsvWriter.Columns.TakeLast(7), ["record_id", "email", "phone", "linkedin_url", "website", "seniority", "department"]);
    }

    [Fact]
    public async Task Writer_writes_numbers_in_the_invariant_culture_whatever_the_current_culture()
    {
        var result = Scored(confidence: 0.85, source: IntentSource.Ai, reason: null);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        string output;
        try
        {
            output = await WriteAsync(result);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.EndsWith(",ai,,20,20,10,45,0.85,,,,,,,,,,,,\r\n", output);
    }

    [Theory]
    [InlineData("Smith, John", "\"Smith, John\"")]
    [InlineData("The \"Boss\"", "\"The \"\"Boss\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("line\r\nbreak", "\"line\r\nbreak\"")]
    [InlineData("carriage\rreturn", "\"carriage\rreturn\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public async Task Writer_quotes_fields_as_rfc4180_requires(string name, string expected)
    {
        var output = await WriteAsync(Scored(name: name));

        Assert.StartsWith(HeaderLine + "u1-2," + expected + ",TechCorp,", output);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.test\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public async Task Writer_neutralises_formula_prefixes_in_every_text_column(string hostile)
    {
        var lead = new Lead(hostile, hostile, hostile, hostile, hostile, hostile, hostile);
        var score = new LeadScore(40, Intent.Low, hostile, Breakdown(0.5, IntentSource.Ai, null));

        var cells = ParseSingleRow(await WriteAsync(new ScoredLead(lead, score)));

        var textColumns = new[] { "lead_id", "name", "company", "role", "industry", "reasoning", "location" };
        Assert.All(textColumns, column => Assert.Equal("'" + hostile, cells[column]));
        Assert.Equal("40", cells["score"]);
        Assert.Equal("0.5", cells["ai_confidence"]);
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("=1,2", "\"'=1,2\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("a=1", "a=1")]
    [InlineData("x-ray", "x-ray")]
    public async Task Writer_puts_the_neutralising_quote_inside_the_field(string name, string expected)
    {
        var output = await WriteAsync(Scored(name: name));

        Assert.StartsWith(HeaderLine + "u1-2," + expected + ",TechCorp,", output);
    }

    [Fact]
    public async Task Writer_round_trips_through_a_csv_parser()
    {
        var result = Scored(name: "Zoë \"Z\" Smith, Jr.", reasoning: "Strong fit.\nBudget holder; \"urgent\".");

        var cells = ParseSingleRow(await WriteAsync(result));

        Assert.Equal("Zoë \"Z\" Smith, Jr.", cells["name"]);
        Assert.Equal("Strong fit.\nBudget holder; \"urgent\".", cells["reasoning"]);
        Assert.Equal("High", cells["intent"]);
        Assert.Equal("95", cells["score"]);
    }

    [Fact]
    public async Task Writer_uses_only_async_writes_on_the_output()
    {
        using var output = new AsyncOnlyStream();

        await ResultCsvWriter.WriteAsync(output, Results(Enumerable.Repeat(Scored(), 500)), TestContext.Current.CancellationToken);

        Assert.StartsWith(HeaderLine, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Writer_sends_rows_before_the_results_are_exhausted()
    {
        using var output = new MemoryStream();
        long writtenHalfway = 0;

        async IAsyncEnumerable<ScoredLead> Slow()
        {
            for (var i = 0; i < 1_000; i++)
            {
                if (i == 500)
                {
                    writtenHalfway = output.Length;
                }

                yield return Scored(name: "Lead " + i);
                await Task.Yield();
            }
        }

        await ResultCsvWriter.WriteAsync(output, Slow(), TestContext.Current.CancellationToken);

        Assert.InRange(writtenHalfway, 1, output.Length - 1);
        Assert.Equal(1_001, Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Writer_writes_no_byte_order_mark()
    {
        using var output = new MemoryStream();

        await ResultCsvWriter.WriteAsync(output, Results([]), TestContext.Current.CancellationToken);

        Assert.Equal((byte)'l', output.ToArray()[0]);
    }

    private static ScoredLead Scored(
        string name = "John Smith",
        string reasoning = "CEO at a SaaS company.",
        double? confidence = 0.9,
        IntentSource source = IntentSource.Ai,
        FallbackReason? reason = null) =>
        new(
            new Lead("u1-2", name, "CEO", "TechCorp", "saas", "San Francisco", "Scaling SaaS platforms"),
            new LeadScore(95, Intent.High, reasoning, Breakdown(confidence, source, reason)));

    private static ScoreBreakdown Breakdown(double? confidence, IntentSource source, FallbackReason? reason) =>
        new(20, "ceo", 20, "saas", 10, [], 45, Intent.High, confidence, source, reason);

    private static async IAsyncEnumerable<ScoredLead> Results(IEnumerable<ScoredLead> results)
    {
        foreach (var result in results)
        {
            await Task.Yield();
            yield return result;
        }
    }

    private static async Task<string> WriteAsync(params ScoredLead[] results)
    {
        using var output = new MemoryStream();
        await ResultCsvWriter.WriteAsync(output, Results(results), TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static Dictionary<string, string> ParseSingleRow(string csv)
    {
        using var parser = new CsvParser(new StringReader(csv), new CsvConfiguration(CultureInfo.InvariantCulture));
        Assert.True(parser.Read());
        var header = parser.Record!;
        Assert.True(parser.Read());
        var row = parser.Record!;
        Assert.False(parser.Read());
        return header.Zip(row).ToDictionary(pair => pair.First, pair => pair.Second);
    }

    /// <summary>Refuses synchronous writes and flushes, as Kestrel does with AllowSynchronousIO off.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream written = new();

        public byte[] ToArray() => written.ToArray();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous writes are disallowed.");
        public override void Flush() => throw new InvalidOperationException("Synchronous flushes are disallowed.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            written.WriteAsync(buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            written.WriteAsync(buffer, cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
