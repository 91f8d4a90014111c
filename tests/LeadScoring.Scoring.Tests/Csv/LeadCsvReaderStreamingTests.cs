using LeadScoring.Scoring.Csv;

namespace LeadScoring.Scoring.Tests.Csv;

public sealed class LeadCsvReaderStreamingTests
{
    [Fact]
    public async Task Reader_streams_a_large_file_from_a_non_seekable_stream_with_bounded_read_ahead()
    {
        // ~3 MB, more than ten times the read-ahead bound below: every row is 2 physical lines (a quoted bio with
        // a line break), so line numbers are checkable too.
        const int rowCount = 20_000;
        var row = "Jane Doe,VP Sales,\"Acme, Inc\",saas,\"Austin, TX\",\"Grew revenue across North America and EMEA markets;\nled a team of forty account executives, \"\"quota crusher\"\"\"\n";
        var source = new GeneratedCsvStream("name,role,company,industry,location,linkedin_bio\r\n", row, rowCount);
        var reader = new LeadCsvReader();
        var accepted = 0;
        long lastLine = 0;
        long maxReadAhead = 0;

        await using (var file = await reader.OpenAsync(source, TestContext.Current.CancellationToken))
        {
            Assert.Null(file.FileError);
            await foreach (var lead in file.ReadRowsAsync(TestContext.Current.CancellationToken))
            {
                Assert.Null(lead.Error);
                accepted++;
                lastLine = lead.Line;
                // Bytes pulled from the stream beyond the end of the row just returned: the reader's whole buffer.
                maxReadAhead = Math.Max(maxReadAhead, source.BytesRead - (source.HeaderLength + accepted * source.RowLength));
            }
        }

        Assert.True(source.TotalLength > 10 * 256 * 1024, "the generated file should be many times the read-ahead bound");
        Assert.Equal(rowCount, accepted);
        Assert.Equal(source.TotalLength, source.BytesRead);
        Assert.Equal(2L * rowCount, lastLine);
        Assert.InRange(maxReadAhead, 0, 256 * 1024);
    }
}
