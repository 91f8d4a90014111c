using System.Net;
using System.Text;
using LeadScoring.Functions.Tests.Reliability;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Tests.Security;

/// <summary>
/// The same hostile input through Kestrel and routing (percent-encoding, chunked bodies), where a raw route value or
/// an unknown body length could slip past checks that the direct function calls see.
/// </summary>
public sealed class HostileHttpTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 120_000)]
    public async Task Encoded_hostile_route_ids_answer_400_or_404_problems_never_5xx()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.NoAi);
        var offerId = await host.CreateOfferAsync();
        string[] ids =
        [
            "%2F..%2Fresults", "..%5C..%5C", "%27%20or%20PartitionKey%20ne%20%27", Uri.EscapeDataString(offerId + "' or ''='"), "%00", "%0D%0AX-Injected:%201",
            "%23fragment", "%3F%24filter%3Dtrue", new string('a', 2048), "%E2%80%AE", "%C0%AF", "%25", "*", "offer%7Cx",
        ];
        var answers = new List<string>();

        foreach (var id in ids)
        {
            foreach (var path in new[] { $"offer/{id}", $"score/runs/{id}", $"results?offer_id={id}", $"results/export?offer_id={id}" })
            {
                using var response = await host.Client.GetAsync(path, cancellation);
                answers.Add($"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {path}");
                Assert.DoesNotContain(response.Headers, header => header.Key == "X-Injected");
            }
        }

        // Kestrel itself refuses a NUL in the path with a bare 400, before any function runs.
        Assert.All(answers, answer => Assert.Matches("^((400|404) application/problem\\+json |400  [^?]*%00)", answer));
    }

    [Fact(Timeout = 120_000)]
    public async Task Chunked_bodies_over_the_limits_answer_413_and_store_nothing()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.NoAi, new Dictionary<string, string?> { ["Upload:MaxBytes"] = "65536" });
        var json = "{\"name\":\"" + new string('x', 100_000) + "\",\"value_props\":\"V\",\"ideal_use_cases\":\"U\"}";
        var csv = "name,role,company,industry\n" + string.Concat(Enumerable.Repeat("Ada,CEO,Acme,saas\n", 10_000));

        using var offer = await host.Client.PostAsync("offer", Chunked(json, "application/json"), cancellation);
        using var upload = await host.Client.PostAsync("leads/upload", Chunked(csv, "text/csv"), cancellation);
        using var nested = await host.Client.PostAsync("score", new StringContent("{\"offer_id\":" + new string('[', 50_000) + new string(']', 50_000) + "}", Encoding.UTF8, "application/json"), cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, offer.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, nested.StatusCode);
        Assert.All(new[] { offer, upload, nested }, response => Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType));
        var tables = new Azure.Data.Tables.TableServiceClient(account.ConnectionString);
        foreach (var table in new[] { StorageNames.Offers, StorageNames.Leads, StorageNames.Uploads, StorageNames.Runs })
        {
            var rows = 0;
            await foreach (var _ in tables.GetTableClient(table).QueryAsync<Azure.Data.Tables.TableEntity>(cancellationToken: cancellation)) rows++;
            Assert.Equal(0, rows);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Chunked_upload_past_the_servers_own_body_limit_answers_413_not_a_broken_file()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        // Our limit above the server's, so Kestrel's refusal is what the upload meets.
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.NoAi, new Dictionary<string, string?> { ["Upload:MaxBytes"] = "209715200" });
        var content = new StreamContent(new BlankLines("name,role,company,industry\n", LeadScoring.LocalHost.LocalFunctionsHostExtensions.MaxRequestBodySize + 1024));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        using var upload = await host.Client.PostAsync("leads/upload", content, cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        Assert.Equal("application/problem+json", upload.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A body without Content-Length, so only the streaming checks can see how big it is.</summary>
    private static StreamContent Chunked(string body, string contentType)
    {
        var content = new StreamContent(new NonSeekable(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }

    /// <summary>A header and then blank lines (which the reader skips) up to a length, generated as it is read.</summary>
    private sealed class BlankLines(string header, long length) : Stream
    {
        private readonly byte[] head = Encoding.UTF8.GetBytes(header);
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            for (var i = 0; i < n; i++) buffer[offset + i] = position + i < head.Length ? head[position + i] : (byte)'\n';
            position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
